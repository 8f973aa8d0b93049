import type { TerminalCallState } from './call.states';

/**
 * End reasons as data (DESIGN §7): one normalized taxonomy for every provider.
 * Lower-case codes are ours; upper-case codes are provider/pre-dial error names kept
 * verbatim because support quotes them (REQUIREMENTS S3, E4, E5).
 */
export const END_REASON_CODES = [
  'completed',
  'customer_hung_up',
  'agent_hung_up',
  'operator_hung_up',
  'voicemail',
  'no_answer',
  'caller_abandoned',
  'busy',
  'rejected',
  'invalid_number',
  'insufficient_credits',
  'agent_inactive',
  'agent_incomplete',
  'dnc_blocked',
  'transfer_failed',
  'provider_error',
  'cancelled_by_user',
  'queue_timeout',
  'capacity_exceeded',
  'stuck_watchdog',
  'lost_provider_events',
  'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
  'FROM_NUMBER_NOT_FOUND',
  'AGENT_FROM_NOT_FOUND',
  'TO_NUMBER_NOT_ALLOWS_CALLOUT',
  'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  'REQUEST_ANSWER_URL_ERROR',
] as const;
export type EndReasonCode = (typeof END_REASON_CODES)[number];

/** Whose side the end came from; `none` for a normal end of a conversation or a user's own cancel. */
export const FAULTS = ['customer', 'carrier', 'platform', 'configuration', 'none'] as const;
export type Fault = (typeof FAULTS)[number];

export interface EndReasonRule {
  /** The terminal status this reason normally goes with (used when no state says otherwise). */
  readonly status: TerminalCallState;
  readonly fault: Fault;
  /**
   * Whether billing charges anything at all for the call (H2): true = charge talk minutes
   * if it connected (forwarded minutes extra), else the minimum connection-attempt
   * charge; false = release the credit reservation and charge nothing. An attempt is
   * billable when the carrier was reached and the outcome is not the carrier's or our
   * platform's fault.
   */
  readonly billable: boolean;
  /**
   * Whether a later attempt at the same number could succeed without changing the
   * number's data. The dialer's retry matrix (delays, caps) decides whether it actually
   * retries; a call that was answered is never retry-eligible whatever the reason.
   */
  readonly retryable: boolean;
  readonly description: string;
}

type Rule = EndReasonRule;
const rule = (status: TerminalCallState, fault: Fault, billable: boolean, retryable: boolean, description: string): Rule => ({
  status,
  fault,
  billable,
  retryable,
  description,
});

export const END_REASON_TAXONOMY: { readonly [code in EndReasonCode]: EndReasonRule } = {
  completed: rule('ended', 'none', true, false, 'Conversation ended normally (platform/agent script finished, or the party is unknown)'),
  customer_hung_up: rule('ended', 'none', true, false, 'The customer hung up after answering'),
  agent_hung_up: rule('ended', 'none', true, false, 'The AI agent ended the conversation'),
  operator_hung_up: rule('ended', 'none', true, false, 'The human operator ended the conversation'),
  voicemail: rule('ended', 'customer', true, true, 'Answered by a machine or voicemail (answering-machine detection)'),
  no_answer: rule('no_answer', 'customer', true, true, 'Rang until the ring timeout (default 30 s) or the carrier said no answer (408/480)'),
  caller_abandoned: rule('no_answer', 'customer', false, false, 'Inbound caller hung up before anyone answered (queue, IVR, ringing)'),
  busy: rule('busy', 'customer', true, true, 'The callee was busy (486/600)'),
  rejected: rule('failed', 'customer', true, true, 'The callee or their network declined the call (403/603)'),
  invalid_number: rule('failed', 'configuration', true, false, 'The carrier says the number does not exist (404/484); the list needs cleaning'),
  insufficient_credits: rule('failed', 'configuration', false, true, 'Balance below the minimum to start a call (H1); never dialled'),
  agent_inactive: rule('failed', 'configuration', false, true, 'The AI agent is inactive (E4); never dialled'),
  agent_incomplete: rule('failed', 'configuration', false, true, 'The AI agent misses a required field (C2, E4); never dialled'),
  dnc_blocked: rule('failed', 'configuration', false, false, 'The number is on the organization\'s do-not-call list (B4); never dialled'),
  transfer_failed: rule('failed', 'configuration', true, false, 'The call failed while being forwarded (target malformed or unreachable, E7)'),
  provider_error: rule('failed', 'carrier', false, true, 'The telephony provider or carrier failed (5xx, unknown failure)'),
  cancelled_by_user: rule('cancelled', 'none', false, false, 'A user or the campaign cancelled the call before it was answered'),
  queue_timeout: rule('failed', 'platform', false, true, 'Waited in the queue for a free slot too long (E3)'),
  capacity_exceeded: rule('failed', 'configuration', false, false, 'An inbound call found every slot of the organization taken, reserved inbound ones included (A2); refused'),
  stuck_watchdog: rule('failed', 'platform', false, true, 'The call stayed in one state past its watchdog period (E3, E8)'),
  lost_provider_events: rule('failed', 'carrier', false, true, 'The provider stopped reporting the call; the reconciler ended it (DESIGN §7)'),
  FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT: rule('failed', 'configuration', false, true, 'The caller number may not call out, or the user\'s group is not allowed (S3)'),
  FROM_NUMBER_NOT_FOUND: rule('failed', 'configuration', false, true, 'The caller number (hotline) does not exist or was deleted (S3)'),
  AGENT_FROM_NOT_FOUND: rule('failed', 'configuration', false, true, 'The operator\'s client sent no usable caller (e.g. browser translation on, S3)'),
  TO_NUMBER_NOT_ALLOWS_CALLOUT: rule('failed', 'configuration', false, false, 'The provider\'s blacklist refuses the callee number (S3, B4)'),
  AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL: rule('failed', 'configuration', false, true, 'The operator is unknown or still in another (possibly stale) call (S3, E8)'),
  REQUEST_ANSWER_URL_ERROR: rule('failed', 'platform', false, true, 'The provider could not fetch our answer URL (S3, E5)'),
};

export interface EndReason {
  readonly status: TerminalCallState;
  readonly reason: EndReasonCode;
  readonly fault: Fault;
  readonly billable: boolean;
  readonly providerCode?: string;
  readonly sipCause?: number;
}

export interface EndReasonExtras {
  /** The terminal state actually reached; defaults to the reason's usual status. */
  readonly status?: TerminalCallState;
  /** The provider's raw code, kept verbatim for support (E5). */
  readonly providerCode?: string;
  readonly sipCause?: number;
}

export function isEndReasonCode(value: string): value is EndReasonCode {
  return (END_REASON_CODES as readonly string[]).includes(value);
}

export function endReasonFor(code: EndReasonCode, extras: EndReasonExtras = {}): EndReason {
  const { fault, billable, status } = END_REASON_TAXONOMY[code];
  return {
    status: extras.status ?? status,
    reason: code,
    fault,
    billable,
    ...(extras.providerCode !== undefined && { providerCode: extras.providerCode }),
    ...(extras.sipCause !== undefined && { sipCause: extras.sipCause }),
  };
}

export function isRetryable(code: EndReasonCode): boolean {
  return END_REASON_TAXONOMY[code].retryable;
}
