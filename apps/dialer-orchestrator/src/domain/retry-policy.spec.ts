import { END_REASON_CODES, type EndReasonCode, isRetryable } from '@santral/call-state';
import type { CallingWindowPolicy } from './calling-window';
import { DEFAULT_RETRY_MATRIX, END_REASON_HANDLING, type RetryInput, type RetryMatrix, decideRetry, dispositionFor } from './retry-policy';

const IST = ['Europe/Istanbul']; // UTC+3: 07:00Z is 10:00 local
const WINDOW: CallingWindowPolicy = {};
const TUE_10_00 = new Date('2026-03-10T07:00:00Z');
const decide = (attempts: EndReasonCode[], extra: Partial<RetryInput> = {}) =>
  decideRetry({ attempts, now: TUE_10_00, window: WINDOW, zones: IST, ...extra });
/** `due`: when it was due before the calling window moved it (the same as `at` inside the window). */
const retry = (at: string, attempt: number, disposition: string, due = at) => ({ action: 'retry', at: new Date(at), due: new Date(due), attempt, disposition });
const finish = (outcome: string, because: string) => ({ action: 'finish', outcome, because });

describe('END_REASON_HANDLING', () => {
  it.each(END_REASON_CODES.map((code) => [code]))('%s: a disposition only for a retryable reason', (code) => {
    if (dispositionFor(code)) expect(isRetryable(code)).toBe(true);
    if (!isRetryable(code)) expect(END_REASON_HANDLING[code]).toHaveProperty('finishAs');
  });
});

describe('decideRetry with the default matrix (Europe/Istanbul, Tue 10:00)', () => {
  it.each<[string, EndReasonCode[], Partial<RetryInput>, object]>([
    // The four dispositions, each with its own delay.
    ['no answer → +1 h', ['no_answer'], {}, retry('2026-03-10T08:00:00Z', 2, 'no_answer')],
    ['busy → +10 min', ['busy'], {}, retry('2026-03-10T07:10:00Z', 2, 'busy')],
    ['provider error → failed, +30 min', ['provider_error'], {}, retry('2026-03-10T07:30:00Z', 2, 'failed')],
    ['rejected by the callee → failed, +30 min', ['rejected'], {}, retry('2026-03-10T07:30:00Z', 2, 'failed')],
    ['watchdog → failed', ['stuck_watchdog'], {}, retry('2026-03-10T07:30:00Z', 2, 'failed')],
    ['voicemail → +4 h = 14:00, the afternoon window', ['voicemail'], {}, retry('2026-03-10T11:00:00Z', 2, 'voicemail')],
    // Moved into the next window.
    ['no answer at 11:30 → 12:30 is lunch → 14:00', ['no_answer'], { now: new Date('2026-03-10T08:30:00Z') }, retry('2026-03-10T11:00:00Z', 2, 'no_answer', '2026-03-10T09:30:00Z')],
    ['busy at 16:55 → 17:05 is closed → 09:00 next day', ['busy'], { now: new Date('2026-03-10T13:55:00Z') }, retry('2026-03-11T06:00:00Z', 2, 'busy', '2026-03-10T14:05:00Z')],
    ['next day a holiday → the day after', ['busy'], { now: new Date('2026-03-10T13:55:00Z'), window: { restrictedDates: ['2026-03-11'] } }, retry('2026-03-12T06:00:00Z', 2, 'busy', '2026-03-10T14:05:00Z')],
    ['no window ever → finish failed', ['no_answer'], { window: { windows: [] } }, finish('failed', 'no_calling_window')],
    ['no zone → finish failed', ['no_answer'], { zones: [] }, finish('failed', 'no_calling_window')],
    // Per-disposition caps (retries) and the per-contact cap (attempts).
    ['second no answer → third attempt', ['no_answer', 'no_answer'], {}, retry('2026-03-10T08:00:00Z', 3, 'no_answer')],
    ['third no answer → exhausted (2 retries)', ['no_answer', 'no_answer', 'no_answer'], {}, finish('exhausted', 'disposition_cap')],
    ['third busy → fourth attempt', ['busy', 'busy', 'busy'], {}, retry('2026-03-10T07:10:00Z', 4, 'busy')],
    ['fourth busy → exhausted', ['busy', 'busy', 'busy', 'busy'], {}, finish('exhausted', 'disposition_cap')],
    ['failed twice → exhausted (1 retry)', ['provider_error', 'queue_timeout'], {}, finish('exhausted', 'disposition_cap')],
    ['voicemail twice → exhausted', ['voicemail', 'voicemail'], {}, finish('exhausted', 'disposition_cap')],
    ['mixed: dispositions counted apart', ['no_answer', 'busy', 'voicemail'], {}, retry('2026-03-10T11:00:00Z', 4, 'voicemail')],
    ['fourth attempt ended busy → per-contact cap of 4', ['no_answer', 'busy', 'busy', 'busy'], {}, finish('exhausted', 'contact_cap')],
    ['third attempt busy after two no answers → fourth', ['no_answer', 'no_answer', 'busy'], {}, retry('2026-03-10T07:10:00Z', 4, 'busy')],
    // The end.
    ['answered and completed → succeeded', ['no_answer', 'completed'], {}, finish('succeeded', 'answered')],
    ['customer hung up → succeeded', ['customer_hung_up'], {}, finish('succeeded', 'answered')],
    ['invalid number → failed, never retried', ['invalid_number'], {}, finish('failed', 'not_retryable')],
    ['transfer failed → failed', ['transfer_failed'], {}, finish('failed', 'not_retryable')],
    ['DNC → blocked', ['dnc_blocked'], {}, finish('blocked', 'not_retryable')],
    ['insufficient credits → blocked, not a matrix retry', ['insufficient_credits'], {}, finish('blocked', 'not_retryable')],
    ['operator in another call → blocked', ['AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL'], {}, finish('blocked', 'not_retryable')],
    ['cancelled → cancelled', ['busy', 'cancelled_by_user'], {}, finish('cancelled', 'not_retryable')],
  ])('%s', (_name, attempts, extra, expected) => {
    expect(decide(attempts, extra)).toEqual(expected);
  });
});

describe('decideRetry with a campaign matrix', () => {
  const ONLY_NO_ANSWER: RetryMatrix = { maxAttemptsPerContact: 3, rules: [{ disposition: 'no_answer', delayMinutes: 90, maxAttempts: 5 }] };

  it.each<[string, RetryMatrix, EndReasonCode[], Partial<RetryInput>, object]>([
    ['a disposition without a row is not retried', ONLY_NO_ANSWER, ['busy'], {}, finish('failed', 'not_in_matrix')],
    ['a row with 0 retries is not retried', { ...ONLY_NO_ANSWER, rules: [{ disposition: 'busy', delayMinutes: 5, maxAttempts: 0 }] }, ['busy'], {}, finish('failed', 'not_in_matrix')],
    ['no rows at all', { maxAttemptsPerContact: 10, rules: [] }, ['no_answer'], {}, finish('failed', 'not_in_matrix')],
    ['its own delay', ONLY_NO_ANSWER, ['no_answer'], {}, retry('2026-03-10T08:30:00Z', 2, 'no_answer')],
    ['the per-contact cap below the row cap', ONLY_NO_ANSWER, ['no_answer', 'no_answer', 'no_answer'], {}, finish('exhausted', 'contact_cap')],
    ['a cap of 1 attempt means no retry', { ...ONLY_NO_ANSWER, maxAttemptsPerContact: 1 }, ['no_answer'], {}, finish('exhausted', 'contact_cap')],
    // 2 calls a day: the last two were at 07:00Z (now) and 05:00Z, so the next may start
    // at 05:00Z tomorrow (08:00 local), moved to the window at 09:00.
    ['the frequency cap delays the retry, then the window', { ...ONLY_NO_ANSWER, frequencyCap: { maxCalls: 2, perDays: 1 } }, ['no_answer'],
      { callsToNumber: [new Date('2026-03-10T07:00:00Z'), new Date('2026-03-10T05:00:00Z')] }, retry('2026-03-11T06:00:00Z', 2, 'no_answer', '2026-03-11T05:00:00Z')],
    ['calls outside the cap period do not delay', { ...ONLY_NO_ANSWER, frequencyCap: { maxCalls: 2, perDays: 1 } }, ['no_answer'],
      { callsToNumber: [new Date('2026-03-10T07:00:00Z'), new Date('2026-03-09T05:00:00Z')] }, retry('2026-03-10T08:30:00Z', 2, 'no_answer')],
  ])('%s', (_name, matrix, attempts, extra, expected) => {
    expect(decide(attempts, { matrix, ...extra })).toEqual(expected);
  });

  it('never retries what the matrix did not ask for, whatever the history', () => {
    const matrices: RetryMatrix[] = [DEFAULT_RETRY_MATRIX, ONLY_NO_ANSWER, { maxAttemptsPerContact: 10, rules: [] }];
    for (const matrix of matrices) {
      for (const last of END_REASON_CODES) {
        for (const before of [[], ['no_answer'], ['busy', 'provider_error']] as EndReasonCode[][]) {
          const decision = decide([...before, last], { matrix });
          if (decision.action !== 'retry') continue;
          const rule = matrix.rules.find((r) => r.disposition === decision.disposition);
          expect(isRetryable(last)).toBe(true);
          expect(rule?.maxAttempts).toBeGreaterThan(0);
          expect(decision.disposition).toBe(dispositionFor(last));
          expect(decision.attempt).toBeLessThanOrEqual(matrix.maxAttemptsPerContact);
        }
      }
    }
  });

  it('needs the attempt that just ended', () => {
    expect(() => decide([])).toThrow(RangeError);
  });
});
