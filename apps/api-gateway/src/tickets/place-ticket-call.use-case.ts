import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type CallAcceptedReply } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { ServiceRpc } from '../common/service-rpc';

/**
 * POST /v1/tickets/{id}/call (J5): a click-to-call to the ticket's number through the dialer, with
 * the ticket id on the call, so its end lands on the ticket (answered: a message, later the
 * recording; unanswered: the attempt). The ticket is asked of ticketing first: another
 * organization's is a 404.
 */
@Injectable()
export class PlaceTicketCallUseCase {
  constructor(private readonly rpc: ServiceRpc) {}

  async execute(orgId: OrgId, ticketId: string, input: { operatorUserId: string; from?: string; idempotencyKey?: string }): Promise<CallAcceptedReply> {
    const ticket = await this.rpc.request(Rpc.Ticketing.TicketGet, { organizationId: orgId, ticketId });
    if (!ticket.callerNumber) throw new DomainError('TICKET_HAS_NO_NUMBER', `Ticket ${ticketId} has no number to call`);
    return this.rpc.request(Rpc.Dialer.CallCreate, {
      organizationId: orgId, kind: 'click_to_call', to: ticket.callerNumber, operatorUserId: input.operatorUserId, ticketId: ticket.ticketId,
      ...(ticket.customerId ? { customerId: ticket.customerId } : {}), ...(input.from ? { from: input.from } : {}),
      ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    });
  }
}
