import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { CustomerTickets, type CustomerTicketSummary } from './customer-tickets.port';

/**
 * The CustomerTickets adapter while this service keeps no tickets table yet: a customer has no
 * tickets, so the card shows none. Replaced by the tickets adapter when tickets are built.
 */
@Injectable()
export class NoTicketsYet extends CustomerTickets {
  async summary(_orgId: OrgId, _customerId: string): Promise<CustomerTicketSummary> {
    return { openTicketCount: 0, openTickets: [] };
  }
}
