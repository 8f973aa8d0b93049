import { DomainError } from '@santral/contracts';
import { backoffDelay, decideOnFailure, isPermanentFailure } from './retry-policy';

const b = { initialMs: 100, maxMs: 1000, multiplier: 2, jitter: 0 };

describe('retry policy', () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1000],
    [9, 1000],
  ])('delivery %i failed → nak delay %i ms', (n, ms) => {
    expect(backoffDelay(n, b)).toBe(ms);
  });

  it('keeps jitter within the configured share', () => {
    const j = { ...b, jitter: 0.5 };
    expect(backoffDelay(1, j, () => 0)).toBe(50);
    expect(backoffDelay(1, j, () => 1)).toBe(150);
  });

  it('retries before max_deliver and dead-letters at it', () => {
    expect(decideOnFailure(1, 3, b)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideOnFailure(2, 3, b)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideOnFailure(3, 3, b)).toEqual({ action: 'dead-letter' });
    expect(decideOnFailure(7, 3, b)).toEqual({ action: 'dead-letter' });
  });
});

describe('decideOnFailure with a permanent failure', () => {
  it('dead-letters on the first delivery, whatever the budget left', () => {
    const b = { initialMs: 100, maxMs: 1000, jitter: 0 };
    expect(decideOnFailure(1, 8, b, () => 0.5, true)).toEqual({ action: 'dead-letter' });
    expect(decideOnFailure(1, 8, b, () => 0.5, false)).toEqual({ action: 'retry', delayMs: 100 });
  });

  it('recognizes a DomainError marked permanent, and only that', () => {
    expect(isPermanentFailure(new DomainError('VALIDATION_FAILED').markPermanent())).toBe(true);
    expect(isPermanentFailure(new DomainError('VALIDATION_FAILED'))).toBe(false);
    expect(isPermanentFailure(new Error('boom'))).toBe(false);
  });
});
