import { Injectable } from '@nestjs/common';
import type { OrgId, Tx } from '@santral/persistence';
import { TicketRepository } from '../tickets/ticket.repository';
import { CustomerTickets, type CustomerTicketSummary } from './customer-tickets.port';

/** The card's ticket part (F1) from the tickets this service keeps: open ones newest first, and the last one. */
@Injectable()
export class TicketSummaries extends CustomerTickets {
  constructor(private readonly tickets: TicketRepository) {
    super();
  }

  summary(orgId: OrgId, customerId: string, tx?: Tx): Promise<CustomerTicketSummary> {
    return this.tickets.summaryForCustomer(orgId, customerId, tx);
  }
}
