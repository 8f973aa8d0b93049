import type { MachineDefinition, TransitionTable } from './machine.engine';
import {
  type Handset,
  TICKET_EVENT_TYPES,
  TICKET_STATUSES,
  type TicketEffectKind,
  type TicketEventType,
  type TicketStatus,
  type TicketTransitionSpec,
} from './ticket.types';

const RT = 'record_transition';
const toPending: TicketTransitionSpec = { to: 'pending', effects: [RT, 'link_call'] };
const reopenToPending: TicketTransitionSpec = { to: 'pending', effects: [RT, 'count_reopen', 'link_call'] };
const linkOnly = (status: TicketStatus): TicketTransitionSpec => ({ to: status, effects: ['link_call'] });
const attemptOnly = (status: TicketStatus): TicketTransitionSpec => ({ to: status, effects: ['record_call_attempt'] });
const superseded: TicketTransitionSpec = { to: 'closed', effects: [RT, 'record_superseded'] };
const close: TicketTransitionSpec = { to: 'closed', effects: [RT] };

/** Status rules (J3–J10 and manual actions). Cells not listed are rejected. */
export const TICKET_TABLE: TransitionTable<TicketStatus, TicketEventType, TicketTransitionSpec> = {
  new: {
    missed_call: { to: 'open', effects: [RT, 'set_subject', 'assign', 'link_call'] },
    inbound_answered_call_ended: toPending,
    // S4 §a: a ticket made because the operator filled nothing in is open, not pending.
    inbound_call_ended_no_ticket: { to: 'open', effects: [RT, 'set_subject', 'link_call'] },
    operator_did_nothing_transfer: { to: 'closed', effects: [RT, 'set_subject', 'link_call'] },
    outbound_call_ended_no_ticket: { to: 'closed', effects: [RT, 'set_subject', 'assign', 'link_call'] },
    callback_unanswered: attemptOnly('new'),
    callback_answered: toPending,
    call_attached: toPending,
    reply: { to: 'pending', effects: [RT] },
    close,
  },
  open: {
    // J8: another missed call with no conversation in between joins this ticket.
    missed_call: linkOnly('open'),
    inbound_answered_call_ended: toPending,
    callback_unanswered: attemptOnly('open'),
    callback_answered: toPending,
    call_attached: toPending,
    customer_called_back_new_ticket: superseded,
    softphone_answered_new_ticket: superseded,
    reply: { to: 'pending', effects: [RT] },
    close,
  },
  pending: {
    inbound_answered_call_ended: linkOnly('pending'),
    callback_unanswered: attemptOnly('pending'),
    callback_answered: linkOnly('pending'),
    call_attached: linkOnly('pending'),
    customer_called_back_new_ticket: superseded,
    softphone_answered_new_ticket: superseded,
    reply: { to: 'pending', effects: [] },
    close,
  },
  closed: {
    callback_unanswered: attemptOnly('closed'),
    callback_answered: reopenToPending,
    call_attached: reopenToPending,
    reopen: { to: 'open', effects: [RT, 'count_reopen'] },
  },
};

/** Handset rules (J7, J9): event → current handset → next handset; anything not listed keeps its handset. */
export const TICKET_HANDSET_TABLE: {
  readonly [event in TicketEventType]?: { readonly [handset in Handset]?: Handset };
} = {
  missed_call: { none: 'red', red: 'red', green: 'red' },
  callback_answered: { red: 'green' },
};

const handsetNotes = Object.entries(TICKET_HANDSET_TABLE).map(
  ([event, rules]) =>
    `Handset on ${event}: ${Object.entries(rules ?? {})
      .map(([from, to]) => `${from} → ${to}`)
      .join(', ')}; otherwise unchanged.`,
);

export const TICKET_MACHINE: MachineDefinition<TicketStatus, TicketEventType, TicketEffectKind, TicketTransitionSpec> = {
  name: 'ticket',
  states: TICKET_STATUSES,
  events: TICKET_EVENT_TYPES,
  terminal: [],
  table: TICKET_TABLE,
  effectDocs: {
    record_transition: 'Store the status change with its time and the event',
    set_subject: 'Set the subject ("Missed incoming call from …", "Incoming call from …", …)',
    assign: 'Set the assignee (null = unassigned, e.g. caller hung up in the IVR)',
    link_call: 'Attach the call, its summary message and (when ready) its recording; idempotent per call',
    record_call_attempt: 'Record an unanswered call attempt on the ticket (J5)',
    record_superseded: 'Link this missed-call ticket to the new ticket that replaced it',
    count_reopen: 'Count a reopen for ticket statistics (J11)',
  },
  notes: [
    'Events not listed for a status are rejected; the caller still stores the event.',
    'The state is { status, handset }; the table above drives the status, the handset rules below drive the flag.',
    ...handsetNotes,
    'A missed call on a pending or closed ticket is rejected: a conversation happened, so it gets a new ticket (J8).',
    'A conversation on a closed ticket (callback answered, call attached) reopens it as pending.',
  ],
};
