import { DomainError } from '@santral/contracts';

/**
 * Money inside billing is integer minor units: 1 credit = 10,000 units. Contracts carry credits
 * with at most four decimals (IsCredits), so the conversion is exact; nothing else converts.
 */
export const UNITS_PER_CREDIT = 10_000;

/** Credits (≤ 4 decimals) → units; a value with more decimals or out of the safe range is refused. */
export function toUnits(credits: number, field = 'amount'): number {
  const units = Math.round(credits * UNITS_PER_CREDIT);
  if (!Number.isSafeInteger(units) || units / UNITS_PER_CREDIT !== credits) {
    throw DomainError.validation([{ field, message: `${field} must be a number of credits with at most 4 decimals` }]);
  }
  return units;
}

export function toCredits(units: number | string | bigint): number {
  return Number(units) / UNITS_PER_CREDIT;
}
