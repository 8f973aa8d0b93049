import { BILLING_CURRENCIES, DomainError, MAX_TOPUP_CREDITS } from '@santral/contracts';
import { toUnits } from '../ledger/money';

/** A top-up or grant amount in units: more than zero, at most MAX_TOPUP_CREDITS, a whole cent. */
export function topupUnits(credits: number): number {
  if (!(credits > 0) || credits > MAX_TOPUP_CREDITS) {
    throw new DomainError('INVALID_TOPUP_AMOUNT', `The amount must be more than 0 and at most ${MAX_TOPUP_CREDITS} credits`);
  }
  const units = toUnits(credits);
  if (units % 100 !== 0) throw new DomainError('INVALID_TOPUP_AMOUNT', 'The amount must be a whole cent (at most 2 decimals)');
  return units;
}

/** The currency of a top-up: one we know, and the organization's plan's. */
export function checkCurrency(currency: string, planCurrency: string): string {
  const c = currency.toUpperCase();
  if (!(BILLING_CURRENCIES as readonly string[]).includes(c) || c !== planCurrency) {
    throw new DomainError('UNSUPPORTED_CURRENCY', `Top-ups are in ${planCurrency}, the currency of the organization's price plan`);
  }
  return c;
}
