import type { OrgId, Tx } from '@santral/persistence';
import type { TicketHandset, TicketStatus } from '@santral/contracts';

export interface CustomerTicketSummary {
  openTicketCount: number;
  openTickets: Array<{ ticketId: string; subject: string; status: TicketStatus; handset: TicketHandset; updatedAt: Date }>;
  lastTicketId?: string;
}

/** Port: the ticket part of the screen-pop card (F1), answered by whoever keeps the tickets. */
export abstract class CustomerTickets {
  abstract summary(orgId: OrgId, customerId: string, tx?: Tx): Promise<CustomerTicketSummary>;
}
