import type { BillingCurrency } from '@santral/contracts';

/** An organization's price plan (H2), amounts in units (ledger/money.ts). */
export interface PricePlan {
  currency: BillingCurrency;
  /** Talk per minute, for a destination without its own rate. */
  ratePerMinute: number;
  /** 1, 6 or 60: talk is rounded up to a whole number of increments. */
  incrementSeconds: number;
  /** The least talk a connected call is charged for (0: one increment is the least). */
  firstIncrementSeconds: number;
  /** Charged for a billable attempt that never connected (zero allowed). */
  unconnectedAttemptCharge: number;
  /** Per forwarded minute, on top of talk (E7). */
  forwardingRatePerMinute: number;
  /** ISO country → talk per minute. */
  countryRates: Record<string, number>;
}

/** The plan of an organization that has none of its own: 0.10 credit/min, per second, 60 s minimum. */
export const DEFAULT_PRICE_PLAN: PricePlan = {
  currency: 'USD',
  ratePerMinute: 1_000,
  incrementSeconds: 1,
  firstIncrementSeconds: 60,
  unconnectedAttemptCharge: 0,
  forwardingRatePerMinute: 500,
  countryRates: {},
};
