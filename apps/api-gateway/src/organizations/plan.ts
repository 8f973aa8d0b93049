/** Plans and the limits each starts with (REQUIREMENTS A2); admins raise limits per organization. */
export const PLANS = ['free', 'starter', 'business', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export interface OrganizationLimits {
  /** Concurrent call slots. */
  concurrentSlots: number;
  /** Outbound calls started per hour across the organization. */
  callsPerHour: number;
  /** Minimum credit balance needed to start a call. */
  minCreditsToStart: number;
}

export const PLAN_DEFAULT_LIMITS: Readonly<Record<Plan, Readonly<OrganizationLimits>>> = {
  free: { concurrentSlots: 3, callsPerHour: 100, minCreditsToStart: 10 },
  starter: { concurrentSlots: 10, callsPerHour: 1_000, minCreditsToStart: 10 },
  business: { concurrentSlots: 50, callsPerHour: 10_000, minCreditsToStart: 10 },
  enterprise: { concurrentSlots: 200, callsPerHour: 100_000, minCreditsToStart: 10 },
};

/** Upper bounds accepted from the API (same as the organization event contract). */
export const LIMIT_BOUNDS: Readonly<Record<keyof OrganizationLimits, readonly [number, number]>> = {
  concurrentSlots: [1, 10_000],
  callsPerHour: [1, 1_000_000],
  minCreditsToStart: [0, 1_000_000],
};
