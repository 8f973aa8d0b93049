import type { RetryDisposition, TaskOutcome } from '@santral/contracts';
import { type EndReasonCode, isRetryable } from '@santral/call-state';
import { type CallingWindowPolicy, isCallable, nextOpening } from './calling-window';
import { type FrequencyCap, earliestUnderFrequencyCap } from './frequency-cap';

/**
 * The retry matrix (REQUIREMENTS D1, DESIGN §7). Same shape as the campaign's
 * RetryPolicyV1, so a dial plan's policy is used as it arrives.
 */
export interface RetryRule {
  readonly disposition: RetryDisposition;
  readonly delayMinutes: number;
  /** How many retries this disposition may cause for one contact (0 = none). */
  readonly maxAttempts: number;
}

export interface RetryMatrix {
  /** Cap on attempts per contact, the first call included. */
  readonly maxAttemptsPerContact: number;
  /** A disposition without a rule is never retried. */
  readonly rules: readonly RetryRule[];
  readonly frequencyCap?: FrequencyCap;
}

/**
 * What a campaign gets when it specifies nothing: at most 4 attempts, each disposition
 * retried at a different pace, and at most 7 calls to one number in 7 days (which also
 * bounds several campaigns calling the same number).
 */
export const DEFAULT_RETRY_MATRIX: RetryMatrix = {
  maxAttemptsPerContact: 4,
  rules: [
    { disposition: 'no_answer', delayMinutes: 60, maxAttempts: 2 },
    { disposition: 'busy', delayMinutes: 10, maxAttempts: 3 },
    { disposition: 'failed', delayMinutes: 30, maxAttempts: 1 },
    { disposition: 'voicemail', delayMinutes: 240, maxAttempts: 1 },
  ],
  frequencyCap: { maxCalls: 7, perDays: 7 },
};

type FinalOutcome = Exclude<TaskOutcome, 'exhausted'>;
type ReasonHandling = { readonly retryAs: RetryDisposition } | { readonly finishAs: FinalOutcome };

/**
 * Every end reason's place in the matrix; the compiler keeps it exhaustive. Only
 * reasons the taxonomy marks retryable have a disposition (a spec checks it).
 * Retryable configuration faults (credits, agent, caller number, operator) finish
 * `blocked`: waiting does not fix them, and a fix goes through pause / resume.
 */
export const END_REASON_HANDLING: { readonly [code in EndReasonCode]: ReasonHandling } = {
  completed: { finishAs: 'succeeded' },
  customer_hung_up: { finishAs: 'succeeded' },
  agent_hung_up: { finishAs: 'succeeded' },
  operator_hung_up: { finishAs: 'succeeded' },
  voicemail: { retryAs: 'voicemail' },
  no_answer: { retryAs: 'no_answer' },
  caller_abandoned: { finishAs: 'failed' },
  busy: { retryAs: 'busy' },
  rejected: { retryAs: 'failed' },
  invalid_number: { finishAs: 'failed' },
  insufficient_credits: { finishAs: 'blocked' },
  agent_inactive: { finishAs: 'blocked' },
  agent_incomplete: { finishAs: 'blocked' },
  dnc_blocked: { finishAs: 'blocked' },
  transfer_failed: { finishAs: 'failed' },
  provider_error: { retryAs: 'failed' },
  cancelled_by_user: { finishAs: 'cancelled' },
  queue_timeout: { retryAs: 'failed' },
  capacity_exceeded: { finishAs: 'failed' },
  stuck_watchdog: { retryAs: 'failed' },
  lost_provider_events: { retryAs: 'failed' },
  FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT: { finishAs: 'blocked' },
  FROM_NUMBER_NOT_FOUND: { finishAs: 'blocked' },
  AGENT_FROM_NOT_FOUND: { finishAs: 'blocked' },
  TO_NUMBER_NOT_ALLOWS_CALLOUT: { finishAs: 'blocked' },
  AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL: { finishAs: 'blocked' },
  REQUEST_ANSWER_URL_ERROR: { retryAs: 'failed' },
};

/** The matrix row an end reason falls under, or null when it is never retried. */
export function dispositionFor(reason: EndReasonCode): RetryDisposition | null {
  const handling = END_REASON_HANDLING[reason];
  return 'retryAs' in handling && isRetryable(reason) ? handling.retryAs : null;
}

export interface RetryInput {
  /** Absent → DEFAULT_RETRY_MATRIX. */
  readonly matrix?: RetryMatrix;
  /** The end reason of each of the contact's attempts, oldest first; the last just ended. */
  readonly attempts: readonly EndReasonCode[];
  readonly now: Date;
  readonly window: CallingWindowPolicy;
  readonly zones: readonly string[];
  /** When the number was called (any campaign, these attempts included), for the frequency cap. */
  readonly callsToNumber?: readonly Date[];
}

/** Why a task will not be dialled again. */
export type FinishCause =
  | 'answered'
  | 'not_retryable'
  | 'not_in_matrix'
  | 'disposition_cap'
  | 'contact_cap'
  | 'no_calling_window';

export type RetryDecision =
  | {
      readonly action: 'retry';
      readonly at: Date;
      /** When the retry was due before the calling window moved it later (equal to `at` inside the window). */
      readonly due: Date;
      readonly attempt: number;
      readonly disposition: RetryDisposition;
    }
  | { readonly action: 'finish'; readonly outcome: TaskOutcome; readonly because: FinishCause };

/**
 * After an attempt ended: the next attempt (its number, and when: delay, then the
 * frequency cap, then the next calling window), or the task's final outcome. Never a
 * retry the matrix did not ask for.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const matrix = input.matrix ?? DEFAULT_RETRY_MATRIX;
  const reason = input.attempts.at(-1);
  if (reason === undefined) throw new RangeError('decideRetry needs the attempt that just ended');
  const handling = END_REASON_HANDLING[reason];
  const disposition = dispositionFor(reason);
  if (!disposition) {
    const outcome = 'finishAs' in handling ? handling.finishAs : 'failed';
    return finish(outcome, outcome === 'succeeded' ? 'answered' : 'not_retryable');
  }
  const rule = matrix.rules.find((candidate) => candidate.disposition === disposition);
  if (!rule || rule.maxAttempts <= 0) return finish('failed', 'not_in_matrix');
  const used = input.attempts.filter((code) => dispositionFor(code) === disposition).length;
  if (used > rule.maxAttempts) return finish('exhausted', 'disposition_cap');
  if (input.attempts.length >= matrix.maxAttemptsPerContact) return finish('exhausted', 'contact_cap');
  const time = retryTime(input, matrix, rule);
  if (!time) return finish('failed', 'no_calling_window');
  return { action: 'retry', at: time.at, due: time.due, attempt: input.attempts.length + 1, disposition };
}

function retryTime(input: RetryInput, matrix: RetryMatrix, rule: RetryRule): { at: Date; due: Date } | null {
  const delayed = new Date(input.now.getTime() + rule.delayMinutes * 60_000);
  const due = earliestUnderFrequencyCap(matrix.frequencyCap, input.callsToNumber ?? [], delayed);
  // Later only lowers the count in the cap's period, so moving into the window keeps the cap.
  const at = isCallable(input.window, input.zones, due) ? due : nextOpening(input.window, input.zones, due);
  return at ? { at, due } : null;
}

function finish(outcome: TaskOutcome, because: FinishCause): RetryDecision {
  return { action: 'finish', outcome, because };
}
