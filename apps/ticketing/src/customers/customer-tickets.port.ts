import type { OrgId, Tx } from '@santral/persistence';
import type { CustomerTicketSummary } from '../tickets/ticket';

export type { CustomerTicketSummary };

/** Port: the ticket part of the screen-pop card (F1), answered by whoever keeps the tickets. */
export abstract class CustomerTickets {
  abstract summary(orgId: OrgId, customerId: string, tx?: Tx): Promise<CustomerTicketSummary>;
}
