import type { PricePlan } from './price-plan';

/** What billing knows of an ended call attempt. */
export interface CallUsage {
  /** The end reason's `billable`: false charges nothing at all. */
  billable: boolean;
  /** Whether the callee answered (answeredAt, or any talk time). */
  connected: boolean;
  talkSeconds: number;
  forwardedSeconds: number;
  /** ISO country of the destination, when known. */
  country?: string;
}

/** Seconds rounded up to whole increments. */
function rounded(seconds: number, increment: number): number {
  return Math.ceil(seconds / increment) * increment;
}

/** units for `seconds` at `ratePerMinute`, rounded up to a whole unit. */
function atRate(seconds: number, ratePerMinute: number): number {
  return Math.ceil((seconds * ratePerMinute) / 60);
}

/** The talk rate of a destination: its country's rate, else the plan's. */
export function talkRate(plan: PricePlan, country?: string): number {
  return (country !== undefined ? plan.countryRates[country] : undefined) ?? plan.ratePerMinute;
}

/**
 * The cost of one call attempt in units (H2): nothing when not billable; the unconnected-attempt
 * charge when it never connected; else talk rounded up to the billing increment (at least the
 * first-increment minimum) at the destination's rate, plus forwarded time at the forwarding rate.
 */
export function callCost(plan: PricePlan, usage: CallUsage): number {
  if (!usage.billable) return 0;
  if (!usage.connected) return plan.unconnectedAttemptCharge;
  const talk = Math.max(rounded(usage.talkSeconds, plan.incrementSeconds), rounded(plan.firstIncrementSeconds, plan.incrementSeconds), plan.incrementSeconds);
  const forwarded = usage.forwardedSeconds > 0 ? rounded(usage.forwardedSeconds, plan.incrementSeconds) : 0;
  return atRate(talk, talkRate(plan, usage.country)) + atRate(forwarded, plan.forwardingRatePerMinute);
}

/**
 * What a reservation holds for a call of at most `seconds` (H1: price × maximum call minutes):
 * the dearest case, every second talked and forwarded, at the destination's rate (or the plan's
 * dearest when the destination is unknown) — so a settlement never needs more than its hold.
 */
export function reservationAmount(plan: PricePlan, seconds: number, country?: string): number {
  const rate = country !== undefined ? talkRate(plan, country) : Math.max(plan.ratePerMinute, ...Object.values(plan.countryRates));
  const talk = Math.max(rounded(seconds, plan.incrementSeconds), rounded(plan.firstIncrementSeconds, plan.incrementSeconds), plan.incrementSeconds);
  return Math.max(1, atRate(talk, rate) + atRate(rounded(seconds, plan.incrementSeconds), plan.forwardingRatePerMinute), plan.unconnectedAttemptCharge);
}
