import { Injectable } from '@nestjs/common';
import { DomainError, type TicketDetailReply, type TicketRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toTicketDetail } from './ticket.view';
import { TicketsPort } from './tickets.port';

/** One ticket with its calls and messages (summaries, recordings, attempts). */
@Injectable()
export class GetTicketUseCase {
  constructor(private readonly tickets: TicketsPort) {}

  async execute(input: TicketRequest): Promise<TicketDetailReply> {
    const orgId = asOrgId(input.organizationId);
    const ticket = await this.tickets.find(orgId, input.ticketId);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `No ticket ${input.ticketId}`);
    return toTicketDetail(ticket, await this.tickets.callIds(orgId, ticket.id), await this.tickets.messages(orgId, ticket.id));
  }
}
