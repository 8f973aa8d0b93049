import { Injectable } from '@nestjs/common';
import { type TicketListRequest, type TicketPageReply } from '@santral/contracts';
import { asOrgId, DEFAULT_PAGE_SIZE, pageRequest } from '@santral/persistence';
import { toTicketReply } from './ticket.view';
import { TicketsPort } from './tickets.port';

/** The organization's tickets, newest first; filters by status, kind, handset, customer, assignee, number. */
@Injectable()
export class ListTicketsUseCase {
  constructor(private readonly tickets: TicketsPort) {}

  async execute(input: TicketListRequest): Promise<TicketPageReply> {
    const orgId = asOrgId(input.organizationId);
    const { organizationId: _o, limit, cursor, ...filters } = input;
    const page = await this.tickets.page(orgId, filters, pageRequest(limit ?? DEFAULT_PAGE_SIZE, cursor));
    const calls = await this.tickets.callIdsByTicket(orgId, page.items.map((t) => t.id));
    const items = page.items.map((t) => toTicketReply(t, calls.get(t.id) ?? []));
    return { items, nextCursor: page.nextCursor };
  }
}
