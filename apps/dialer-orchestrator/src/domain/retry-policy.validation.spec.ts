import type { RetryDisposition } from '@santral/contracts';
import { DEFAULT_RETRY_MATRIX, type RetryMatrix } from './retry-policy';
import { validateRetryMatrix } from './retry-policy.validation';

const rule = (disposition: string, delayMinutes: number, maxAttempts: number) => ({ disposition: disposition as RetryDisposition, delayMinutes, maxAttempts });

describe('validateRetryMatrix', () => {
  it.each<[string, RetryMatrix]>([
    ['the defaults', DEFAULT_RETRY_MATRIX],
    ['no rows (never retry)', { maxAttemptsPerContact: 1, rules: [] }],
    ['the limits', { maxAttemptsPerContact: 10, rules: [rule('busy', 43_200, 10), rule('failed', 1, 0)], frequencyCap: { maxCalls: 100, perDays: 365 } }],
  ])('accepts %s', (_name, matrix) => {
    expect(validateRetryMatrix(matrix)).toEqual([]);
  });

  it.each<[string, RetryMatrix, { field: string; message: string }[]]>([
    ['a negative delay', { maxAttemptsPerContact: 3, rules: [rule('busy', -5, 1)] }, [{ field: 'rules.0.delayMinutes', message: 'must be a whole number from 1 to 43200' }]],
    ['a zero delay', { maxAttemptsPerContact: 3, rules: [rule('busy', 0, 1)] }, [{ field: 'rules.0.delayMinutes', message: 'must be a whole number from 1 to 43200' }]],
    ['a fractional cap', { maxAttemptsPerContact: 3, rules: [rule('busy', 5, 1.5)] }, [{ field: 'rules.0.maxAttempts', message: 'must be a whole number from 0 to 10' }]],
    ['a per-contact cap of 0', { maxAttemptsPerContact: 0, rules: [] }, [{ field: 'maxAttemptsPerContact', message: 'must be a whole number from 1 to 10' }]],
    ['an unknown disposition', { maxAttemptsPerContact: 3, rules: [rule('hung_up', 5, 1)] }, [{ field: 'rules.0.disposition', message: 'must be one of no_answer, busy, failed, voicemail' }]],
    ['a repeated disposition', { maxAttemptsPerContact: 3, rules: [rule('busy', 5, 1), rule('busy', 10, 2)] }, [{ field: 'rules.1.disposition', message: 'repeats busy' }]],
    ['a bad frequency cap', { maxAttemptsPerContact: 3, rules: [], frequencyCap: { maxCalls: 0, perDays: 400 } }, [
      { field: 'frequencyCap.maxCalls', message: 'must be a whole number from 1 to 100' },
      { field: 'frequencyCap.perDays', message: 'must be a whole number from 1 to 365' },
    ]],
  ])('rejects %s', (_name, matrix, errors) => {
    expect(validateRetryMatrix(matrix)).toEqual(errors);
  });
});
