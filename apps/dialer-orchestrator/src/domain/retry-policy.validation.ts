import type { RetryDisposition } from '@santral/contracts';
import type { FieldError } from './field-error';
import type { RetryMatrix } from './retry-policy';

// The compiler keeps this list complete; RETRY_DISPOSITIONS itself lives in libs/contracts.
const DISPOSITIONS: Record<RetryDisposition, true> = { no_answer: true, busy: true, failed: true, voicemail: true };

/** The ranges RetryPolicyV1 accepts on the wire, so API and domain agree. */
export const RETRY_LIMITS = {
  maxAttemptsPerContact: [1, 10],
  delayMinutes: [1, 60 * 24 * 30],
  maxAttempts: [0, 10],
  maxCalls: [1, 100],
  perDays: [1, 365],
} as const;

/** Everything wrong with a retry matrix; empty when it is usable. */
export function validateRetryMatrix(matrix: RetryMatrix): FieldError[] {
  const errors = intErrors(matrix.maxAttemptsPerContact, 'maxAttemptsPerContact', RETRY_LIMITS.maxAttemptsPerContact);
  matrix.rules.forEach((rule, i) => {
    const field = `rules.${i}`;
    if (!Object.hasOwn(DISPOSITIONS, rule.disposition)) {
      errors.push({ field: `${field}.disposition`, message: `must be one of ${Object.keys(DISPOSITIONS).join(', ')}` });
    } else if (matrix.rules.findIndex((other) => other.disposition === rule.disposition) !== i) {
      errors.push({ field: `${field}.disposition`, message: `repeats ${rule.disposition}` });
    }
    errors.push(...intErrors(rule.delayMinutes, `${field}.delayMinutes`, RETRY_LIMITS.delayMinutes));
    errors.push(...intErrors(rule.maxAttempts, `${field}.maxAttempts`, RETRY_LIMITS.maxAttempts));
  });
  if (matrix.frequencyCap) {
    errors.push(...intErrors(matrix.frequencyCap.maxCalls, 'frequencyCap.maxCalls', RETRY_LIMITS.maxCalls));
    errors.push(...intErrors(matrix.frequencyCap.perDays, 'frequencyCap.perDays', RETRY_LIMITS.perDays));
  }
  return errors;
}

function intErrors(value: number, field: string, [min, max]: readonly [number, number]): FieldError[] {
  return Number.isInteger(value) && value >= min && value <= max
    ? []
    : [{ field, message: `must be a whole number from ${min} to ${max}` }];
}
