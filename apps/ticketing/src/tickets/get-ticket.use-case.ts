import { Injectable } from '@nestjs/common';
import { DomainError, type TicketDetailReply, type TicketRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { toTicketDetail } from './ticket.view';
import { TicketsPort } from './tickets.port';

/**
 * One ticket with its calls and messages (summaries, recordings, attempts), read from one snapshot:
 * a settlement that changes the status and adds a message is seen whole or not at all.
 */
@Injectable()
export class GetTicketUseCase {
  constructor(
    private readonly tickets: TicketsPort,
    private readonly transactions: TransactionRunner,
  ) {}

  execute(input: TicketRequest): Promise<TicketDetailReply> {
    const orgId = asOrgId(input.organizationId);
    return this.transactions.snapshot(async (tx) => {
      const ticket = await this.tickets.find(orgId, input.ticketId, tx);
      if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `No ticket ${input.ticketId}`);
      return toTicketDetail(ticket, await this.tickets.callIds(orgId, ticket.id, tx), await this.tickets.messages(orgId, ticket.id, tx));
    });
  }
}
