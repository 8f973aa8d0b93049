import type { CallState } from './call.states';
import type { EndReason, EndReasonCode } from './end-reason.taxonomy';
import type { TransitionResult, TransitionSpec } from './machine.engine';

export const CALL_EVENT_TYPES = [
  'dial_started',
  'ringing',
  'answered',
  'forward_started',
  'forward_succeeded',
  'forward_failed',
  'hangup',
  'abandoned',
  'no_answer_timeout',
  'busy',
  'failed',
  'cancelled',
  'watchdog_expired',
  'leg_ended',
] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

export type AnsweredBy = 'human' | 'machine' | 'unknown';
export type HangupParty = 'customer' | 'agent' | 'operator' | 'system';
export type WatchdogReason = Extract<EndReasonCode, 'stuck_watchdog' | 'queue_timeout' | 'lost_provider_events'>;

/** Raw provider facts, kept on the EndReason verbatim (E5). */
export interface ProviderFacts {
  readonly providerCode?: string;
  readonly sipCause?: number;
}

export type CallEvent =
  /** Slot and credit reservation taken, originate command sent (written by the dialer itself). */
  | { readonly type: 'dial_started' }
  | { readonly type: 'ringing' }
  | { readonly type: 'answered'; readonly answeredBy: AnsweredBy }
  /** Target is an E.164 number or a SIP URI (C3, E7). */
  | { readonly type: 'forward_started'; readonly target: string }
  | { readonly type: 'forward_succeeded' }
  | { readonly type: 'forward_failed'; readonly target?: string; readonly reason?: string; readonly sipCause?: number }
  /** A conversation ended; only after answer. `reason` overrides the party mapping (e.g. voicemail). */
  | ({ readonly type: 'hangup'; readonly by: HangupParty; readonly reason?: EndReasonCode } & ProviderFacts)
  /** The caller hung up before anyone answered (inbound queue, IVR, ringing). */
  | ({ readonly type: 'abandoned' } & ProviderFacts)
  /** Ring time ran out: our ring timer, or the carrier said so (408/480). */
  | ({ readonly type: 'no_answer_timeout' } & ProviderFacts)
  | ({ readonly type: 'busy' } & ProviderFacts)
  /** Any failure; `reason`, else providerCode, else sipCause, else the table default decides the reason. */
  | ({ readonly type: 'failed'; readonly reason?: EndReasonCode } & ProviderFacts)
  /** Our side gave up before answer (user, campaign cancel). */
  | { readonly type: 'cancelled' }
  | { readonly type: 'watchdog_expired'; readonly reason?: WatchdogReason }
  | { readonly type: 'leg_ended'; readonly legId?: string };

export const CALL_EFFECT_KINDS = [
  'record_transition',
  'start_ring_timer',
  'stop_ring_timer',
  'start_forward_metering',
  'record_transfer_failure',
  'hang_up_provider',
  'end_call',
  'release_slot',
  'settle_billing',
  'schedule_retry_eligible',
  'record_late_fact',
] as const;
export type CallEffectKind = (typeof CALL_EFFECT_KINDS)[number];

export type CallEffect =
  | { readonly type: 'record_transition'; readonly from: CallState; readonly to: CallState; readonly event: CallEvent }
  | { readonly type: 'start_ring_timer'; readonly seconds: number }
  | { readonly type: 'stop_ring_timer' }
  | { readonly type: 'start_forward_metering' }
  | { readonly type: 'record_transfer_failure'; readonly target?: string; readonly reason?: string; readonly sipCause?: number }
  | { readonly type: 'hang_up_provider' }
  | { readonly type: 'end_call'; readonly endReason: EndReason }
  | { readonly type: 'release_slot' }
  | { readonly type: 'settle_billing'; readonly endReason: EndReason }
  | { readonly type: 'schedule_retry_eligible'; readonly reason: EndReasonCode }
  | { readonly type: 'record_late_fact'; readonly event: CallEvent };

/** How the end reason of a terminal cell is chosen after an explicit `reason` in the event. */
export type EndReasonDerivation =
  /** Table default only. */
  | 'fixed'
  /** hangup: from who hung up. */
  | 'party'
  /** failed: providerCode, then sipCause, then the table default. */
  | 'provider';

export interface CallTransitionSpec extends TransitionSpec<CallState, CallEffectKind> {
  /** Present exactly on terminal cells: the default end reason. */
  readonly end?: EndReasonCode;
  readonly derive?: EndReasonDerivation;
}

export interface CallMachineConfig {
  /** Ring timeout (E3); the organization's setting, 30 s by default. */
  readonly ringTimeoutSeconds: number;
}

export const DEFAULT_CALL_MACHINE_CONFIG: CallMachineConfig = { ringTimeoutSeconds: 30 };

export type CallTransitionResult = TransitionResult<CallState, CallEventType, CallEffect>;
