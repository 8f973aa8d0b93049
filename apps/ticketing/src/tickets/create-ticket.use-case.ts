import { Injectable } from '@nestjs/common';
import { DomainError, type TicketCreateRequest, type TicketReply } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { callTheOperatorIsOn } from './call-guard';
import { CallSettlement } from './call-settlement';
import { TicketBook } from './ticket-book';
import { TicketCustomers } from './ticket-customers.port';
import { toTicketReply } from './ticket.view';
import { CallTracksPort, TicketsPort } from './tickets.port';

/**
 * The operator on a call makes its ticket (J1): status new until the call ends, then pending (§15).
 * The customer's open missed-call tickets close, superseded by this one (J10, S4 §18 a and d).
 * Made after the call ended, it is pending at once.
 */
@Injectable()
export class CreateTicketUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tracks: CallTracksPort,
    private readonly tickets: TicketsPort,
    private readonly book: TicketBook,
    private readonly settlement: CallSettlement,
    private readonly customers: TicketCustomers,
    private readonly clock: Clock,
  ) {}

  async execute(input: TicketCreateRequest): Promise<TicketReply> {
    const orgId = asOrgId(input.organizationId);
    const subject = input.subject.trim();
    if (!subject) throw DomainError.validation([{ field: 'subject', message: 'subject is required' }], 'The ticket is not valid');
    const user = input.operatorUserId;
    return this.tx.run(async (tx) => {
      const track = await callTheOperatorIsOn(this.tracks, this.tickets, orgId, input.callId, user, tx);
      const now = this.clock.now();
      const number = track.number ?? null;
      const customerId = number ? await this.customers.customerIdFor(orgId, number, tx) : null;
      const summary = input.summary?.trim() || null;
      const ticket = await this.book.create(
        { organizationId: orgId, kind: track.direction === 'outbound' ? 'outbound_call' : 'inbound_call', callerNumber: number, customerId, subject, summary, assigneeUserId: user },
        { callId: input.callId, operatorKey: user, role: 'conversation', body: summary, authorUserId: user, ...(track.recording ? { recording: track.recording } : {}) },
        now, tx,
      );
      const supersede = track.direction === 'outbound' ? 'softphone_answered_new_ticket' : 'customer_called_back_new_ticket';
      for (const missed of await this.tickets.openMissedFor(orgId, number, customerId, tx)) {
        await this.book.apply(missed, { type: supersede, newTicketId: ticket.id }, undefined, now, tx);
      }
      await this.tracks.save(orgId, input.callId, await this.settlement.settle(orgId, input.callId, track, now, tx), now, tx);
      const stored = (await this.tickets.findForUpdate(orgId, ticket.id, tx))!;
      return toTicketReply(stored, await this.tickets.callIds(orgId, stored.id, tx));
    });
  }
}
