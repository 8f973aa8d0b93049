import type { TransitionResult, TransitionSpec } from './machine.engine';

/** Ticket statuses (REQUIREMENTS J10). No status is terminal: a closed ticket can be reopened (J11). */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The handset flag of missed-call tickets: red when missed (J7), green once a callback is answered (J9). */
export const HANDSETS = ['none', 'red', 'green'] as const;
export type Handset = (typeof HANDSETS)[number];

export interface TicketState {
  readonly status: TicketStatus;
  readonly handset: Handset;
}

/** Every ticket starts here; the call fact that created it is applied as its first event. */
export const NEW_TICKET: TicketState = { status: 'new', handset: 'none' };

export const TICKET_EVENT_TYPES = [
  'missed_call',
  'inbound_answered_call_ended',
  'inbound_call_ended_no_ticket',
  'operator_did_nothing_transfer',
  'outbound_call_ended_no_ticket',
  'callback_unanswered',
  'callback_answered',
  'call_attached',
  'customer_called_back_new_ticket',
  'softphone_answered_new_ticket',
  'reply',
  'close',
  'reopen',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export type TicketEvent =
  /** J7, J8: a missed inbound call; assignee = last operator it was distributed to, null if none. */
  | { readonly type: 'missed_call'; readonly callId: string; readonly number: string; readonly assigneeId: string | null }
  /** J10: the answered inbound call this ticket is about has ended. */
  | { readonly type: 'inbound_answered_call_ended'; readonly callId: string }
  /** J3: the call ended and the operator created no ticket; subject is what they typed, if anything. */
  | { readonly type: 'inbound_call_ended_no_ticket'; readonly callId: string; readonly number: string; readonly subject?: string }
  /** J4: transferred on without the first operator doing anything. */
  | { readonly type: 'operator_did_nothing_transfer'; readonly callId: string; readonly number: string }
  /** J6: outbound softphone call with no ticket. */
  | { readonly type: 'outbound_call_ended_no_ticket'; readonly callId: string; readonly number: string; readonly operatorId: string }
  /** J5, J10: a call from this ticket that the customer did not answer. */
  | { readonly type: 'callback_unanswered'; readonly callId: string }
  /** J5, J9, J10: a call from this ticket that the customer answered. */
  | { readonly type: 'callback_answered'; readonly callId: string }
  /** J1, J10: the operator attached a call to this ticket. */
  | { readonly type: 'call_attached'; readonly callId: string }
  /** J10 (missed ticket): the customer called back and the operator opened a new ticket. */
  | { readonly type: 'customer_called_back_new_ticket'; readonly newTicketId: string }
  /** J10 (missed ticket): an answered softphone call got a new ticket. */
  | { readonly type: 'softphone_answered_new_ticket'; readonly newTicketId: string }
  | { readonly type: 'reply' }
  | { readonly type: 'close' }
  | { readonly type: 'reopen' };

export const TICKET_EFFECT_KINDS = [
  'record_transition',
  'set_subject',
  'assign',
  'link_call',
  'record_call_attempt',
  'record_superseded',
  'count_reopen',
] as const;
export type TicketEffectKind = (typeof TICKET_EFFECT_KINDS)[number];

export type TicketEffect =
  | { readonly type: 'record_transition'; readonly from: TicketStatus; readonly to: TicketStatus; readonly event: TicketEvent }
  | { readonly type: 'set_subject'; readonly subject: string }
  | { readonly type: 'assign'; readonly assigneeId: string | null }
  | { readonly type: 'link_call'; readonly callId: string }
  | { readonly type: 'record_call_attempt'; readonly callId: string }
  | { readonly type: 'record_superseded'; readonly byTicketId: string }
  | { readonly type: 'count_reopen' };

export type TicketTransitionSpec = TransitionSpec<TicketStatus, TicketEffectKind>;

export type TicketTransitionResult = TransitionResult<TicketState, TicketEventType, TicketEffect>;
