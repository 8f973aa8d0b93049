import { Injectable, Logger } from '@nestjs/common';
import { NEW_TICKET, transitionTicket, type TicketEffect, type TicketEvent } from '@santral/call-state';
import type { TicketKind } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { Ticket, TicketCallRole } from './ticket';
import { TicketEventsPort, TicketHistoryPort, TicketsPort } from './tickets.port';

/** How a call effect lands on the ticket: whose conversation it was, and the message it leaves. */
export interface CallContext {
  operatorKey: string;
  role: TicketCallRole;
  body?: string | null;
  authorUserId?: string | null;
  recording?: { url: string; durationSeconds: number };
}

export interface NewTicket {
  organizationId: OrgId;
  kind: TicketKind;
  callerNumber: string | null;
  customerId: string | null;
  subject?: string;
  summary?: string | null;
  assigneeUserId?: string | null;
}

/**
 * Carries out the ticket machine (libs/call-state) on stored tickets: applies an event, does its
 * effects (call links, messages, subject, assignee, reopen count), stores the ticket and writes its
 * event to the outbox, all in the caller's transaction. A rejected event changes nothing.
 */
@Injectable()
export class TicketBook {
  private readonly logger = new Logger(TicketBook.name);

  constructor(
    private readonly tickets: TicketsPort,
    private readonly events: TicketEventsPort,
    private readonly history: TicketHistoryPort,
  ) {}

  /** A ticket made by a call fact: NEW_TICKET plus its first event. */
  async open(input: NewTicket, event: TicketEvent, call: CallContext | undefined, at: Date, tx: Tx): Promise<Ticket> {
    const blank = this.blank(input, at);
    const result = transitionTicket(NEW_TICKET, event);
    if (!result.ok) throw new Error(`ticket machine refused a first event: ${result.rejection.reason}`);
    const ticket: Ticket = { ...blank, status: result.next.status, handset: result.next.handset, closedAt: result.next.status === 'closed' ? at : null };
    if (event.type === 'missed_call') ticket.groupsMissed = true;
    const stored = this.fold(ticket, result.effects);
    if (input.subject) stored.subject = input.subject;
    await this.tickets.insert(stored, tx);
    await this.carryOut(stored, result.effects, call, at, tx);
    await this.history.record(stored.organizationId, { ticketId: stored.id, at, fromStatus: null, toStatus: stored.status, changed: [] }, tx);
    await this.events.created(stored, await this.tickets.callIds(stored.organizationId, stored.id, tx), tx);
    return stored;
  }

  /** A ticket the operator made by hand during a call (status new until the call ends). */
  async create(input: NewTicket, call: CallContext & { callId: string }, at: Date, tx: Tx): Promise<Ticket> {
    const ticket = this.blank(input, at);
    await this.tickets.insert(ticket, tx);
    await this.link(ticket, call.callId, call, at, tx);
    await this.history.record(ticket.organizationId, { ticketId: ticket.id, at, fromStatus: null, toStatus: ticket.status, changed: [] }, tx);
    await this.events.created(ticket, [call.callId], tx);
    return ticket;
  }

  /** Applies one event to a stored (locked) ticket; null when the machine refuses it. */
  async apply(before: Ticket, event: TicketEvent, call: CallContext | undefined, at: Date, tx: Tx, changedFields: string[] = []): Promise<Ticket | null> {
    const result = transitionTicket({ status: before.status, handset: before.handset }, event);
    if (!result.ok) {
      this.logger.debug(`ticket ${before.id}: ${result.rejection.reason}`);
      return null;
    }
    const moved: Ticket = { ...before, status: result.next.status, handset: result.next.handset };
    if (moved.status === 'closed' && before.status !== 'closed') moved.closedAt = at;
    if (moved.status !== 'closed') moved.closedAt = null;
    const after = this.fold(moved, result.effects);
    const linked = await this.carryOut(after, result.effects, call, at, tx);
    const changed = [...changedFields, ...diff(before, after), ...(linked ? ['callIds'] : [])];
    if (changed.length === 0) return before;
    // A late fact carries an older time: the ticket's updatedAt never goes back.
    after.updatedAt = at > before.updatedAt ? at : before.updatedAt;
    await this.tickets.update(after, tx);
    await this.history.record(after.organizationId, { ticketId: after.id, at, fromStatus: before.status, toStatus: after.status, changed: [...new Set(changed)] }, tx);
    await this.events.updated(after, await this.tickets.callIds(after.organizationId, after.id, tx), [...new Set(changed)], before.status, tx);
    return after;
  }

  /** Stores a change of fields that is not a machine event (subject, summary). */
  async edit(before: Ticket, after: Ticket, at: Date, tx: Tx): Promise<Ticket> {
    const changed = diff(before, after);
    if (changed.length === 0) return before;
    const stored = { ...after, updatedAt: at > before.updatedAt ? at : before.updatedAt };
    await this.tickets.update(stored, tx);
    await this.history.record(stored.organizationId, { ticketId: stored.id, at, fromStatus: before.status, toStatus: stored.status, changed }, tx);
    await this.events.updated(stored, await this.tickets.callIds(stored.organizationId, stored.id, tx), changed, before.status, tx);
    return stored;
  }

  /**
   * A line on the ticket that is no call and no machine event (a callback the dialer refused before
   * it had a call, F3): the ticket itself does not change, so no history and no ticket event.
   */
  async note(t: Ticket, body: string, at: Date, tx: Tx): Promise<void> {
    await this.tickets.addMessage(t.organizationId, {
      id: uuidv7(), ticketId: t.id, kind: 'attempt', callId: null, authorUserId: null, body, recordingUrl: null, recordingSeconds: null, createdAt: at,
    }, tx);
  }

  private blank(input: NewTicket, at: Date): Ticket {
    return {
      organizationId: input.organizationId, id: uuidv7(), kind: input.kind, status: NEW_TICKET.status, handset: NEW_TICKET.handset,
      subject: input.subject ?? '', summary: input.summary ?? null, callerNumber: input.callerNumber, customerId: input.customerId,
      assigneeUserId: input.assigneeUserId ?? null, supersededBy: null, reopenCount: 0, groupsMissed: false, createdAt: at, updatedAt: at, closedAt: null,
    };
  }

  /** The effects that only change the ticket's own fields. */
  private fold(t: Ticket, effects: readonly TicketEffect[]): Ticket {
    const next = { ...t };
    for (const e of effects) {
      if (e.type === 'set_subject') next.subject = e.subject;
      else if (e.type === 'assign') next.assigneeUserId = e.assigneeId;
      else if (e.type === 'record_superseded') next.supersededBy = e.byTicketId;
      else if (e.type === 'count_reopen') next.reopenCount += 1;
    }
    return next;
  }

  /** The effects that touch other rows: call links and messages. True when a call was newly linked. */
  private async carryOut(t: Ticket, effects: readonly TicketEffect[], call: CallContext | undefined, at: Date, tx: Tx): Promise<boolean> {
    let linked = false;
    for (const e of effects) {
      if (e.type === 'link_call' && call) linked = (await this.link(t, e.callId, call, at, tx)) || linked;
      else if (e.type === 'record_call_attempt' && call) linked = (await this.link(t, e.callId, { ...call, role: 'attempt' }, at, tx)) || linked;
    }
    return linked;
  }

  /** Links a call once per conversation, with its message (the summary; the recording when known). */
  private async link(t: Ticket, callId: string, call: CallContext, at: Date, tx: Tx): Promise<boolean> {
    const fresh = await this.tickets.linkCall(t.organizationId, { callId, operatorKey: call.operatorKey, ticketId: t.id, role: call.role, at }, tx);
    if (!fresh) return false;
    await this.tickets.addMessage(t.organizationId, {
      id: uuidv7(), ticketId: t.id, kind: call.role === 'attempt' ? 'attempt' : call.role === 'missed' ? 'missed_call' : 'call', callId,
      authorUserId: call.authorUserId ?? null, body: call.body ?? null, recordingUrl: call.role === 'conversation' ? (call.recording?.url ?? null) : null,
      recordingSeconds: call.role === 'conversation' ? (call.recording?.durationSeconds ?? null) : null, createdAt: at,
    }, tx);
    return true;
  }
}

const FIELDS = ['status', 'handset', 'subject', 'summary', 'assigneeUserId', 'customerId', 'supersededBy', 'reopenCount'] as const;

function diff(a: Ticket, b: Ticket): string[] {
  return FIELDS.filter((f) => a[f] !== b[f]);
}
