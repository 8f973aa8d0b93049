import { BackoffOptions } from '../events/event-bus.options';

export type FailureDecision = { action: 'retry'; delayMs: number } | { action: 'dead-letter' };

/**
 * Exponential backoff with jitter for the delivery that just failed:
 * initial · multiplier^(n−1), capped at max; `random` is injectable for tests.
 */
export function backoffDelay(deliveryCount: number, b: BackoffOptions, random: () => number = Math.random): number {
  const exp = b.initialMs * Math.pow(b.multiplier ?? 2, Math.max(0, deliveryCount - 1));
  const capped = Math.min(exp, b.maxMs);
  const jitter = b.jitter ?? 0.2;
  return Math.max(0, Math.round(capped * (1 - jitter + 2 * jitter * random())));
}

/** A handler error that no redelivery can mend: a contracts DomainError marked permanent. */
export function isPermanentFailure(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { permanent?: unknown }).permanent === true;
}

/**
 * A handler error is transient until `maxDeliver` deliveries failed: nak with a delay
 * (never `term`), then dead-letter. A permanent one is dead-lettered at once.
 */
export function decideOnFailure(deliveryCount: number, maxDeliver: number, b: BackoffOptions, random?: () => number, permanent = false): FailureDecision {
  if (permanent || deliveryCount >= maxDeliver) return { action: 'dead-letter' };
  return { action: 'retry', delayMs: backoffDelay(deliveryCount, b, random) };
}
