import { callCost, reservationAmount, type CallUsage } from './call-cost';
import { DEFAULT_PRICE_PLAN, type PricePlan } from './price-plan';

// 1.0000 credit/min = 10,000 units/min: 1 s = 166.67 units.
const plan = (p: Partial<PricePlan> = {}): PricePlan => ({
  ...DEFAULT_PRICE_PLAN,
  ratePerMinute: 6_000,
  incrementSeconds: 1,
  firstIncrementSeconds: 0,
  unconnectedAttemptCharge: 0,
  forwardingRatePerMinute: 0,
  countryRates: {},
  ...p,
});
const talked = (talkSeconds: number, u: Partial<CallUsage> = {}): CallUsage => ({ billable: true, connected: true, talkSeconds, forwardedSeconds: 0, ...u });

describe('callCost (H2)', () => {
  it.each([
    // [what, plan, usage, units]
    ['per second: 61 s at 6,000/min', plan(), talked(61), 6_100],
    ['per second: 1 s', plan(), talked(1), 100],
    ['per 6 s: 61 s bills 66 s', plan({ incrementSeconds: 6 }), talked(61), 6_600],
    ['per 6 s: 60 s bills 60 s', plan({ incrementSeconds: 6 }), talked(60), 6_000],
    ['per minute: 61 s bills 120 s', plan({ incrementSeconds: 60 }), talked(61), 12_000],
    ['per minute: 1 s bills 60 s', plan({ incrementSeconds: 60 }), talked(1), 6_000],
    ['first increment 30 s: 5 s bills 30 s', plan({ firstIncrementSeconds: 30 }), talked(5), 3_000],
    ['first increment 30 s: 45 s bills 45 s', plan({ firstIncrementSeconds: 30 }), talked(45), 4_500],
    ['first increment 30 s per 60 s: 5 s bills 60 s', plan({ firstIncrementSeconds: 30, incrementSeconds: 60 }), talked(5), 6_000],
    ['connected with 0 s talk bills one increment', plan({ incrementSeconds: 6 }), talked(0), 600],
    ['unconnected attempt: the minimum charge', plan({ unconnectedAttemptCharge: 250 }), talked(0, { connected: false }), 250],
    ['unconnected attempt: zero allowed', plan(), talked(0, { connected: false }), 0],
    ['not billable: nothing, even with talk', plan({ unconnectedAttemptCharge: 250 }), talked(90, { billable: false }), 0],
    ['forwarding on top: 60 s talk + 30 s forwarded at 2,000/min', plan({ forwardingRatePerMinute: 2_000 }), talked(60, { forwardedSeconds: 30 }), 7_000],
    ['forwarding rounds to the increment too', plan({ incrementSeconds: 60, forwardingRatePerMinute: 2_000 }), talked(60, { forwardedSeconds: 1 }), 8_000],
    ['country rate', plan({ countryRates: { TR: 1_200 } }), talked(60, { country: 'TR' }), 1_200],
    ['country without a rate: the plan rate', plan({ countryRates: { TR: 1_200 } }), talked(60, { country: 'GB' }), 6_000],
    ['fractions of a unit round up', plan({ ratePerMinute: 1_000 }), talked(1), 17],
  ])('%s', (_what, p, usage, units) => {
    expect(callCost(p, usage)).toBe(units);
  });

  it('is never negative nor fractional over a grid of inputs', () => {
    for (const inc of [1, 6, 60])
      for (const talk of [0, 1, 5, 59, 60, 61, 3599])
        for (const fwd of [0, 1, 61]) {
          const c = callCost(plan({ incrementSeconds: inc, forwardingRatePerMinute: 333, ratePerMinute: 777 }), talked(talk, { forwardedSeconds: fwd }));
          expect(Number.isSafeInteger(c) && c >= 0).toBe(true);
        }
  });
});

describe('reservationAmount (H1: price × maximum call minutes)', () => {
  it('holds the dearest case so a settlement never exceeds its hold', () => {
    const p = plan({ incrementSeconds: 6, firstIncrementSeconds: 30, forwardingRatePerMinute: 2_000, countryRates: { TR: 9_000 } });
    for (const seconds of [1, 7, 60, 301, 3600]) {
      const hold = reservationAmount(p, seconds);
      for (const talk of [0, 1, seconds])
        for (const fwd of [0, seconds]) {
          expect(callCost(p, talked(talk, { forwardedSeconds: fwd, country: 'TR' }))).toBeLessThanOrEqual(hold);
        }
    }
  });

  it('uses the destination country when known', () => {
    const p = plan({ countryRates: { TR: 600 } });
    expect(reservationAmount(p, 60, 'TR')).toBe(600);
    expect(reservationAmount(p, 60)).toBe(6_000);
  });

  it('holds at least one unit and at least the unconnected charge', () => {
    expect(reservationAmount(plan({ ratePerMinute: 0 }), 60)).toBe(1);
    expect(reservationAmount(plan({ ratePerMinute: 0, unconnectedAttemptCharge: 900 }), 60)).toBe(900);
  });
});
