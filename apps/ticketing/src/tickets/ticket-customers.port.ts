import { Injectable } from '@nestjs/common';
import type { OrgId, Tx } from '@santral/persistence';

/** Port: the customer a number belongs to (J1, J2). The customers feature provides the real adapter. */
export abstract class TicketCustomers {
  abstract customerIdFor(orgId: OrgId, e164: string, tx: Tx): Promise<string | null>;
}

/** Until the customers directory is wired in, no number has a customer: tickets carry the caller's number only. */
@Injectable()
export class NoCustomerDirectoryYet extends TicketCustomers {
  async customerIdFor(): Promise<string | null> {
    return null;
  }
}
