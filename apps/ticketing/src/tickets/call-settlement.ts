import { Injectable } from '@nestjs/common';
import type { OrgId, Tx } from '@santral/persistence';
import { conversationOperators, planSettlement, type CallTrack, type SettleStep } from './call-track';
import type { Ticket } from './ticket';
import { TicketBook, type CallContext } from './ticket-book';
import { TicketCustomers } from './ticket-customers.port';
import { CallTracksPort, TicketsPort } from './tickets.port';

/** Subject number when the caller withheld it or it could not be normalized. */
const NO_NUMBER = 'an unknown number';

/**
 * Carries out what a call's end asks of tickets (J3–J10), once per step: the steps already done
 * are kept on the track. Called after every fact and every operator action on the call, so a fact
 * that arrives late (an answer after the end, the recording first) still lands.
 */
@Injectable()
export class CallSettlement {
  constructor(
    private readonly tickets: TicketsPort,
    private readonly book: TicketBook,
    private readonly customers: TicketCustomers,
    private readonly tracks: CallTracksPort,
  ) {}

  /** Returns the track with the steps it carried out recorded. */
  async settle(orgId: OrgId, callId: string, track: CallTrack, at: Date, tx: Tx): Promise<CallTrack> {
    if (track.recording) await this.tickets.attachRecording(orgId, callId, track.recording.url, track.recording.durationSeconds, tx);
    const ticketed = await this.tickets.ticketsOfCall(orgId, callId, tx);
    const steps = planSettlement(track, new Set(ticketed.keys()));
    if (steps.length === 0) return track;
    const customerId = track.number ? await this.customers.customerIdFor(orgId, track.number, tx) : null;
    for (const step of steps) await this.carryOut(orgId, callId, track, step, ticketed, customerId, at, tx);
    return { ...track, done: [...track.done, ...steps.map((s) => s.key)] };
  }

  private async carryOut(orgId: OrgId, callId: string, track: CallTrack, step: SettleStep, ticketed: Map<string, string>, customerId: string | null, at: Date, tx: Tx): Promise<void> {
    const number = track.number ?? null;
    const talk = (user: string, body?: string | null): CallContext => ({
      operatorKey: user, role: 'conversation', authorUserId: user, body: body ?? null, ...(track.recording ? { recording: track.recording } : {}),
    });
    const base = { organizationId: orgId, callerNumber: number, customerId };
    switch (step.type) {
      case 'missed':
        return this.missed(orgId, callId, number, customerId, step.assigneeUserId, at, tx);
      case 'conversation_ended': {
        const ticket = await this.tickets.findForUpdate(orgId, ticketed.get(step.operatorUserId)!, tx);
        if (ticket) await this.book.apply(ticket, { type: 'inbound_answered_call_ended', callId }, talk(step.operatorUserId), at, tx);
        return this.tickets.endMissedGrouping(orgId, number, customerId, tx);
      }
      case 'ended_without_ticket':
        await this.book.open(
          { ...base, kind: 'inbound_call', summary: step.draft?.summary?.trim() || null, assigneeUserId: step.operatorUserId },
          { type: 'inbound_call_ended_no_ticket', callId, number: number ?? NO_NUMBER, ...(step.draft?.subject?.trim() ? { subject: step.draft.subject.trim() } : {}) },
          talk(step.operatorUserId, step.draft?.summary), at, tx,
        );
        return this.tickets.endMissedGrouping(orgId, number, customerId, tx);
      case 'transferred_untouched':
        await this.book.open(
          { ...base, kind: 'inbound_call', assigneeUserId: step.operatorUserId },
          { type: 'operator_did_nothing_transfer', callId, number: number ?? NO_NUMBER },
          talk(step.operatorUserId), at, tx,
        );
        return this.tickets.endMissedGrouping(orgId, number, customerId, tx);
      case 'outbound_without_ticket':
        await this.book.open(
          { ...base, kind: 'outbound_call', summary: step.draft?.summary?.trim() || null, ...(step.draft?.subject?.trim() ? { subject: step.draft.subject.trim() } : {}) },
          { type: 'outbound_call_ended_no_ticket', callId, number: number ?? NO_NUMBER, operatorId: step.operatorUserId },
          talk(step.operatorUserId, step.draft?.summary), at, tx,
        );
        return this.tickets.endMissedGrouping(orgId, number, customerId, tx);
      case 'callback':
        return this.callback(orgId, callId, track, step, talk, at, tx);
      case 'callback_task':
        return this.callbackTask(orgId, callId, step, at, tx);
    }
  }

  /** J7, J8: joins the number's open missed ticket unless a conversation happened since; else a new one. */
  private async missed(orgId: OrgId, callId: string, number: string | null, customerId: string | null, assignee: string | null, at: Date, tx: Tx): Promise<void> {
    const event = { type: 'missed_call' as const, callId, number: number ?? NO_NUMBER, assigneeId: assignee };
    const call: CallContext = { operatorKey: '', role: 'missed' };
    const open = (await this.tickets.openMissedFor(orgId, number, customerId, tx)).find((t) => t.groupsMissed);
    if (open && (await this.book.apply(open, event, call, at, tx))) return;
    await this.book.open({ organizationId: orgId, kind: 'missed_call', callerNumber: number, customerId }, event, call, at, tx);
  }

  /** J5, J9, J10: the call placed from a ticket ended: answered → the conversation on it, else the attempt. */
  private async callback(orgId: OrgId, callId: string, track: CallTrack, step: Extract<SettleStep, { type: 'callback' }>, talk: (u: string, b?: string | null) => CallContext, at: Date, tx: Tx): Promise<void> {
    const ticket: Ticket | null = await this.tickets.findForUpdate(orgId, step.ticketId, tx);
    if (!ticket) return;
    const user = step.operatorUserId ?? '';
    const call = step.answered ? talk(user, track.drafts[user]?.summary) : { operatorKey: user, role: 'attempt' as const, authorUserId: step.operatorUserId };
    await this.callOnTicket(ticket, callId, step.answered, call, at, tx);
  }

  /**
   * F3: the missed call's callback task finished — its outcome on the missed call's ticket, the way a
   * call from the ticket lands (J5, J9, J10): answered → the conversation (pending, handset green);
   * not answered, cancelled or refused → the attempt, the ticket left as it is; a task refused before
   * it had any call id leaves only its line. The callback's own call's track names its operator, summary
   * and recording (locked after this call's and before the ticket, the order that call's facts take).
   */
  private async callbackTask(orgId: OrgId, callId: string, step: Extract<SettleStep, { type: 'callback_task' }>, at: Date, tx: Tx): Promise<void> {
    const { lastCallId, outcome } = step.result;
    // Before the ticket: that call's own facts lock its track, then the ticket.
    const called = lastCallId ? await this.tracks.findForUpdate(orgId, lastCallId, tx) : null;
    // The ticket's link to this missed call (made by the missed step, in this settlement or before).
    const ticketId = (await this.tickets.ticketsOfCall(orgId, callId, tx)).get('');
    const ticket = ticketId ? await this.tickets.findForUpdate(orgId, ticketId, tx) : null;
    if (!ticket) return;
    if (!lastCallId) return this.book.note(ticket, step.note, at, tx);
    const answered = outcome === 'succeeded';
    const user = (called && conversationOperators(called)[0]) ?? null;
    const summary = user ? called?.drafts[user]?.summary?.trim() : undefined;
    const call: CallContext = {
      operatorKey: user ?? '', role: answered ? 'conversation' : 'attempt', authorUserId: user, body: summary ? `${step.note}\n${summary}` : step.note,
      ...(answered && called?.recording ? { recording: called.recording } : {}),
    };
    await this.callOnTicket(ticket, lastCallId, answered, call, at, tx);
  }

  /** A call placed for the ticket ended: the machine's callback event (J5, J9, J10); an answered one ends the missed grouping (J8). */
  private async callOnTicket(ticket: Ticket, callId: string, answered: boolean, call: CallContext, at: Date, tx: Tx): Promise<void> {
    if (!answered) {
      await this.book.apply(ticket, { type: 'callback_unanswered', callId }, call, at, tx);
      return;
    }
    await this.book.apply(ticket, { type: 'callback_answered', callId }, call, at, tx);
    await this.tickets.endMissedGrouping(ticket.organizationId, ticket.callerNumber, ticket.customerId, tx);
  }
}
