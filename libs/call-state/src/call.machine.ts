import { type CallState, isTerminalCallState } from './call.states';
import { CALL_MACHINE } from './call.table';
import {
  type CallEffect,
  type CallEffectKind,
  type CallEvent,
  type CallMachineConfig,
  type CallTransitionResult,
  type CallTransitionSpec,
  DEFAULT_CALL_MACHINE_CONFIG,
  type HangupParty,
} from './call.types';
import { type EndReason, type EndReasonCode, endReasonFor, isRetryable } from './end-reason.taxonomy';
import { assertUnreachable, findTransition } from './machine.engine';
import { endReasonCodeForProviderCode, endReasonCodeForSipCause } from './provider-cause.mapper';

export const HANGUP_PARTY_REASONS: { readonly [party in HangupParty]: EndReasonCode } = {
  customer: 'customer_hung_up',
  agent: 'agent_hung_up',
  operator: 'operator_hung_up',
  system: 'completed',
};

/** Applies one event to a call state. Pure: the caller persists `next` and carries out `effects`. */
export function transitionCall(
  state: CallState,
  event: CallEvent,
  config: CallMachineConfig = DEFAULT_CALL_MACHINE_CONFIG,
): CallTransitionResult {
  const found = findTransition(CALL_MACHINE, state, event.type);
  if (!found.ok) return found;
  const { spec } = found;
  const endReason = resolveEndReason(spec, event);
  const context: EffectContext = { from: state, spec, event, endReason, config };
  return { ok: true, next: spec.to, effects: spec.effects.flatMap((kind) => buildEffect(kind, context)) };
}

function resolveEndReason(spec: CallTransitionSpec, event: CallEvent): EndReason | undefined {
  if (spec.end === undefined || !isTerminalCallState(spec.to)) return undefined;
  const facts = providerFacts(event);
  const code = explicitReason(event) ?? derivedReason(spec, event, facts) ?? spec.end;
  return endReasonFor(code, { status: spec.to, ...facts });
}

function explicitReason(event: CallEvent): EndReasonCode | undefined {
  switch (event.type) {
    case 'hangup':
    case 'failed':
    case 'watchdog_expired':
      return event.reason;
    default:
      return undefined;
  }
}

function derivedReason(
  spec: CallTransitionSpec,
  event: CallEvent,
  facts: { providerCode?: string; sipCause?: number },
): EndReasonCode | undefined {
  switch (spec.derive ?? 'fixed') {
    case 'party':
      return event.type === 'hangup' ? HANGUP_PARTY_REASONS[event.by] : undefined;
    case 'provider': {
      const fromCode = facts.providerCode === undefined ? undefined : endReasonCodeForProviderCode(facts.providerCode);
      return fromCode ?? (facts.sipCause === undefined ? undefined : endReasonCodeForSipCause(facts.sipCause));
    }
    default:
      return undefined;
  }
}

function providerFacts(event: CallEvent): { providerCode?: string; sipCause?: number } {
  const facts: { providerCode?: string; sipCause?: number } = {};
  if ('providerCode' in event && event.providerCode !== undefined) facts.providerCode = event.providerCode;
  if ('sipCause' in event && event.sipCause !== undefined) facts.sipCause = event.sipCause;
  return facts;
}

interface EffectContext {
  readonly from: CallState;
  readonly spec: CallTransitionSpec;
  readonly event: CallEvent;
  readonly endReason: EndReason | undefined;
  readonly config: CallMachineConfig;
}

function buildEffect(kind: CallEffectKind, { from, spec, event, endReason, config }: EffectContext): CallEffect[] {
  switch (kind) {
    case 'record_transition':
      return [{ type: kind, from, to: spec.to, event }];
    case 'start_ring_timer':
      return [{ type: kind, seconds: config.ringTimeoutSeconds }];
    case 'stop_ring_timer':
    case 'start_forward_metering':
    case 'hang_up_provider':
    case 'release_slot':
      return [{ type: kind }];
    case 'record_transfer_failure':
      return [{ type: kind, ...(event.type === 'forward_failed' ? transferFailure(event) : {}) }];
    case 'end_call':
    case 'settle_billing':
      return [{ type: kind, endReason: requireEndReason(endReason, from, event) }];
    case 'schedule_retry_eligible': {
      const reason = requireEndReason(endReason, from, event).reason;
      return isRetryable(reason) ? [{ type: kind, reason }] : [];
    }
    case 'record_late_fact':
      return [{ type: kind, event }];
    default:
      return assertUnreachable(kind);
  }
}

function transferFailure(event: Extract<CallEvent, { type: 'forward_failed' }>) {
  return {
    ...(event.target !== undefined && { target: event.target }),
    ...(event.reason !== undefined && { reason: event.reason }),
    ...(event.sipCause !== undefined && { sipCause: event.sipCause }),
  };
}

function requireEndReason(endReason: EndReason | undefined, from: CallState, event: CallEvent): EndReason {
  // Only a table mistake gets here (an end effect on a cell without `end`); the spec proves it cannot.
  if (endReason === undefined) throw new Error(`call table: ${from} + ${event.type} emits an end effect without an end reason`);
  return endReason;
}

/**
 * For a provider's failed final response: the event that carries it. Busy and no-answer
 * SIP causes are outcomes with their own states, everything else is `failed`.
 */
export function callEventForSipCause(sipCause: number, providerCode?: string): CallEvent {
  const facts = { sipCause, ...(providerCode !== undefined && { providerCode }) };
  switch (endReasonCodeForSipCause(sipCause)) {
    case 'busy':
      return { type: 'busy', ...facts };
    case 'no_answer':
      return { type: 'no_answer_timeout', ...facts };
    default:
      return { type: 'failed', ...facts };
  }
}
