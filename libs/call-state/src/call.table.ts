import { CALL_STATES, type CallState, TERMINAL_CALL_STATES } from './call.states';
import { CALL_EVENT_TYPES, type CallEffectKind, type CallEventType, type CallTransitionSpec } from './call.types';
import type { MachineDefinition, TransitionTable } from './machine.engine';

type Kinds = readonly CallEffectKind[];
const RT = 'record_transition';
/** Every terminal cell ends with these, in this order (slot and billing effects are idempotent per call). */
const END: Kinds = ['end_call', 'release_slot', 'settle_billing'];
/** Before answer the callee was never in a conversation, so a retry may be scheduled. */
const END_RETRY: Kinds = [...END, 'schedule_retry_eligible'];
/** We end it ourselves, so the provider's call must be torn down too. */
const HANG_UP_END: Kinds = ['hang_up_provider', ...END];
const HANG_UP_END_RETRY: Kinds = ['hang_up_provider', ...END_RETRY];
const RING_EXIT = 'stop_ring_timer';

const lateFact = (state: CallState): CallTransitionSpec => ({ to: state, effects: ['record_late_fact'] });
const legNoOp = (state: CallState): CallTransitionSpec => ({ to: state, effects: [] });

/** Cells not listed are rejected. */
export const CALL_TABLE: TransitionTable<CallState, CallEventType, CallTransitionSpec> = {
  queued: {
    dial_started: { to: 'dialing', effects: [RT] },
    abandoned: { to: 'no_answer', effects: [RT, ...END], end: 'caller_abandoned' },
    failed: { to: 'failed', effects: [RT, ...END_RETRY], end: 'provider_error', derive: 'provider' },
    cancelled: { to: 'cancelled', effects: [RT, ...END], end: 'cancelled_by_user' },
    watchdog_expired: { to: 'failed', effects: [RT, ...END_RETRY], end: 'queue_timeout' },
  },
  dialing: {
    ringing: { to: 'ringing', effects: [RT, 'start_ring_timer'] },
    answered: { to: 'in_progress', effects: [RT] },
    abandoned: { to: 'no_answer', effects: [RT, ...HANG_UP_END], end: 'caller_abandoned' },
    no_answer_timeout: { to: 'no_answer', effects: [RT, ...HANG_UP_END_RETRY], end: 'no_answer' },
    busy: { to: 'busy', effects: [RT, ...END_RETRY], end: 'busy' },
    failed: { to: 'failed', effects: [RT, ...END_RETRY], end: 'provider_error', derive: 'provider' },
    cancelled: { to: 'cancelled', effects: [RT, ...HANG_UP_END], end: 'cancelled_by_user' },
    watchdog_expired: { to: 'failed', effects: [RT, ...HANG_UP_END_RETRY], end: 'stuck_watchdog' },
    leg_ended: legNoOp('dialing'),
  },
  ringing: {
    answered: { to: 'in_progress', effects: [RT, RING_EXIT] },
    abandoned: { to: 'no_answer', effects: [RT, RING_EXIT, ...HANG_UP_END], end: 'caller_abandoned' },
    no_answer_timeout: { to: 'no_answer', effects: [RT, RING_EXIT, ...HANG_UP_END_RETRY], end: 'no_answer' },
    busy: { to: 'busy', effects: [RT, RING_EXIT, ...END_RETRY], end: 'busy' },
    failed: { to: 'failed', effects: [RT, RING_EXIT, ...END_RETRY], end: 'provider_error', derive: 'provider' },
    cancelled: { to: 'cancelled', effects: [RT, RING_EXIT, ...HANG_UP_END], end: 'cancelled_by_user' },
    watchdog_expired: { to: 'failed', effects: [RT, RING_EXIT, ...HANG_UP_END_RETRY], end: 'stuck_watchdog' },
    leg_ended: legNoOp('ringing'),
  },
  in_progress: {
    forward_started: { to: 'forwarding', effects: [RT] },
    hangup: { to: 'ended', effects: [RT, ...END], end: 'completed', derive: 'party' },
    failed: { to: 'failed', effects: [RT, ...END], end: 'provider_error', derive: 'provider' },
    watchdog_expired: { to: 'failed', effects: [RT, ...HANG_UP_END], end: 'stuck_watchdog' },
    leg_ended: legNoOp('in_progress'),
  },
  forwarding: {
    forward_succeeded: { to: 'in_progress', effects: [RT, 'start_forward_metering'] },
    forward_failed: { to: 'in_progress', effects: [RT, 'record_transfer_failure'] },
    hangup: { to: 'ended', effects: [RT, ...END], end: 'completed', derive: 'party' },
    failed: { to: 'failed', effects: [RT, ...END], end: 'transfer_failed' },
    watchdog_expired: { to: 'failed', effects: [RT, ...HANG_UP_END], end: 'stuck_watchdog' },
    leg_ended: legNoOp('forwarding'),
  },
  ended: { leg_ended: lateFact('ended') },
  failed: { leg_ended: lateFact('failed') },
  no_answer: { leg_ended: lateFact('no_answer') },
  busy: { leg_ended: lateFact('busy') },
  cancelled: { leg_ended: lateFact('cancelled') },
};

export const CALL_MACHINE: MachineDefinition<CallState, CallEventType, CallEffectKind, CallTransitionSpec> = {
  name: 'call',
  states: CALL_STATES,
  events: CALL_EVENT_TYPES,
  terminal: TERMINAL_CALL_STATES,
  table: CALL_TABLE,
  effectDocs: {
    record_transition: 'Store the transition with its time and the event (E1)',
    start_ring_timer: 'Arm the ring timeout; when it fires send no_answer_timeout',
    stop_ring_timer: 'Disarm the ring timeout (a late timeout is rejected anyway)',
    start_forward_metering: 'From now on minutes are billed at the forwarding rate (E7, H2)',
    record_transfer_failure: 'Keep the transfer failure (target, reason, SIP cause) with the call; the call goes on',
    hang_up_provider: 'Tell the provider to hang up its call (idempotent; a no-op if it is already down)',
    end_call: 'Store the EndReason and publish the one terminal event of the call',
    release_slot: 'Release the concurrency slot lease (idempotent; a no-op if none is held)',
    settle_billing: 'Settle the credit reservation with the EndReason (idempotent on call id)',
    schedule_retry_eligible: 'Hand the contact to the retry matrix; emitted only when the reason is retryable',
    record_late_fact: 'Keep a fact that arrived after the end with the call; state unchanged',
  },
  notes: [
    'Events not listed for a state are rejected; the caller still stores the event.',
    'After a terminal state only leg_ended is accepted, as a late fact (events may arrive out of order).',
    'hangup is only for a conversation that was answered; before answer use cancelled (our side), abandoned (inbound caller), or busy / no_answer_timeout / failed (provider outcome). A hangup before answer is rejected and the ring timer or watchdog still ends the call.',
    'End reason: an explicit reason in the event wins; then derive=party maps who hung up (customer, agent, operator; system → completed); derive=provider uses providerCode, then sipCause; else the cell default.',
    'schedule_retry_eligible appears only on cells before answer and only when the reason is retryable.',
  ],
};
