import { isCreditAmount } from './decorators';

describe('isCreditAmount (credits with at most 4 decimals, exactly)', () => {
  it.each([0, 1, 0.1, 0.01, 1.2345, 120.5, -5, 1_000_000, 999_999_999.9999])('accepts %p', (v) => expect(isCreditAmount(v)).toBe(true));
  it.each([3e-323, 0.00001, 1.23456, Number.NaN, Number.POSITIVE_INFINITY, 1e300, '1', null])('refuses %p', (v) => expect(isCreditAmount(v)).toBe(false));
});
