import { Injectable } from '@nestjs/common';
import { DomainError, type TicketAttachCallRequest, type TicketReply } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { callTheOperatorIsOn } from './call-guard';
import { CallSettlement } from './call-settlement';
import { TicketBook } from './ticket-book';
import { TicketCustomers } from './ticket-customers.port';
import { toTicketReply } from './ticket.view';
import { CallTracksPort, TicketsPort } from './tickets.port';

/**
 * The operator attaches the call to an earlier call ticket of the same customer (J1): the ticket
 * goes pending (a closed one reopens) with a message for the call (J10, S4 §18 b and e). A manual
 * ticket, another organization's, or another customer's is refused.
 */
@Injectable()
export class AttachCallUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tracks: CallTracksPort,
    private readonly tickets: TicketsPort,
    private readonly book: TicketBook,
    private readonly settlement: CallSettlement,
    private readonly customers: TicketCustomers,
    private readonly clock: Clock,
  ) {}

  async execute(input: TicketAttachCallRequest): Promise<TicketReply> {
    const orgId = asOrgId(input.organizationId);
    const user = input.operatorUserId;
    return this.tx.run(async (tx) => {
      const notFound = () => new DomainError('TICKET_NOT_FOUND', `No call ticket ${input.ticketId}`);
      const seen = await this.tickets.find(orgId, input.ticketId, tx);
      if (!seen || seen.kind === 'manual') throw notFound();
      // The call first, then the ticket: the order the call's settlement locks them in (no deadlock).
      const track = await callTheOperatorIsOn(this.tracks, this.tickets, orgId, input.callId, user, tx);
      const ticket = await this.tickets.findForUpdate(orgId, input.ticketId, tx);
      if (!ticket) throw notFound();
      const number = track.number ?? null;
      const customerId = number ? await this.customers.customerIdFor(orgId, number, tx) : null;
      const sameCustomer = ticket.customerId && customerId ? ticket.customerId === customerId : !ticket.callerNumber || !number || ticket.callerNumber === number;
      if (!sameCustomer) throw new DomainError('TICKET_CALL_OTHER_CUSTOMER', `Call ${input.callId} is not from the customer of ticket ${ticket.id}`);
      const now = this.clock.now();
      const summary = input.summary?.trim() || null;
      const after = await this.book.apply(
        ticket, { type: 'call_attached', callId: input.callId },
        { operatorKey: user, role: 'conversation', body: summary, authorUserId: user, ...(track.recording ? { recording: track.recording } : {}) }, now, tx,
      );
      if (!after) throw new DomainError('TICKET_INVALID_STATE', `A call cannot be attached to a ${ticket.status} ticket`);
      await this.tickets.endMissedGrouping(orgId, number, customerId, tx);
      await this.tracks.save(orgId, input.callId, await this.settlement.settle(orgId, input.callId, track, now, tx), now, tx);
      const stored = (await this.tickets.findForUpdate(orgId, ticket.id, tx))!;
      return toTicketReply(stored, await this.tickets.callIds(orgId, stored.id, tx));
    });
  }
}
