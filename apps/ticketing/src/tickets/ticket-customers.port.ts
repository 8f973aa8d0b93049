import type { OrgId, Tx } from '@santral/persistence';

/** Port: the customer a number belongs to (J1, J2). Adapter: customers' CustomerPhoneOwners. */
export abstract class TicketCustomers {
  abstract customerIdFor(orgId: OrgId, e164: string, tx: Tx): Promise<string | null>;
}
