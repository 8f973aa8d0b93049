import { assertUnreachable, findTransition } from './machine.engine';
import { TICKET_HANDSET_TABLE, TICKET_MACHINE } from './ticket.table';
import type {
  Handset,
  TicketEffect,
  TicketEffectKind,
  TicketEvent,
  TicketEventType,
  TicketState,
  TicketTransitionResult,
  TicketTransitionSpec,
} from './ticket.types';

/** Subjects of tickets the system makes from calls (J4, J6, J7, J3); `{number}` is the E.164 number. */
export const TICKET_SUBJECT_TEMPLATES = {
  missed_call: 'Missed incoming call from {number}',
  incoming_call: 'Incoming call from {number}',
  outgoing_call: 'Outgoing call to {number}',
} as const;

export function ticketSubject(template: keyof typeof TICKET_SUBJECT_TEMPLATES, number: string): string {
  return TICKET_SUBJECT_TEMPLATES[template].replace('{number}', number);
}

/** Applies one event to a ticket. Pure: the caller persists `next` and carries out `effects`. */
export function transitionTicket(state: TicketState, event: TicketEvent): TicketTransitionResult {
  const found = findTransition(TICKET_MACHINE, state.status, event.type);
  if (!found.ok) return { ok: false, rejection: { ...found.rejection, from: state } };
  const { spec } = found;
  return {
    ok: true,
    next: { status: spec.to, handset: nextHandset(state.handset, event.type) },
    effects: spec.effects.map((kind) => buildEffect(kind, state, spec, event)),
  };
}

export function nextHandset(handset: Handset, event: TicketEventType): Handset {
  return TICKET_HANDSET_TABLE[event]?.[handset] ?? handset;
}

function buildEffect(kind: TicketEffectKind, from: TicketState, spec: TicketTransitionSpec, event: TicketEvent): TicketEffect {
  switch (kind) {
    case 'record_transition':
      return { type: kind, from: from.status, to: spec.to, event };
    case 'set_subject':
      return { type: kind, subject: subjectFor(event) };
    case 'assign':
      return { type: kind, assigneeId: assigneeFor(event) };
    case 'link_call':
    case 'record_call_attempt':
      return { type: kind, callId: field(event, 'callId') };
    case 'record_superseded':
      return { type: kind, byTicketId: field(event, 'newTicketId') };
    case 'count_reopen':
      return { type: kind };
    default:
      return assertUnreachable(kind);
  }
}

function subjectFor(event: TicketEvent): string {
  switch (event.type) {
    case 'missed_call':
      return ticketSubject('missed_call', event.number);
    case 'inbound_call_ended_no_ticket':
      return event.subject?.trim() || ticketSubject('incoming_call', event.number);
    case 'operator_did_nothing_transfer':
      return ticketSubject('incoming_call', event.number);
    case 'outbound_call_ended_no_ticket':
      return ticketSubject('outgoing_call', event.number);
    default:
      throw tableError('set_subject', event);
  }
}

function assigneeFor(event: TicketEvent): string | null {
  switch (event.type) {
    case 'missed_call':
      return event.assigneeId;
    case 'outbound_call_ended_no_ticket':
      return event.operatorId;
    default:
      throw tableError('assign', event);
  }
}

function field(event: TicketEvent, name: 'callId' | 'newTicketId'): string {
  const value: unknown = (event as unknown as Record<string, unknown>)[name];
  if (typeof value !== 'string') throw tableError(name, event);
  return value;
}

// Only a table mistake gets here (an effect on an event without the data it needs); the spec proves it cannot.
function tableError(what: string, event: TicketEvent): Error {
  return new Error(`ticket table: ${event.type} has no ${what}`);
}
