import { DomainError } from '@santral/contracts';
import { callerIdKey, normalizePhoneNumber } from '@santral/phone';
import type { CustomerPhone } from './customer';

/**
 * A number typed for a customer, as stored: E.164 (B1, with the organization's default country) and
 * its caller-ID key (B2). What does not normalize is refused with the phone code and its reason.
 */
export function customerPhone(raw: string, defaultCountry: string | null, field: string): CustomerPhone {
  const result = normalizePhoneNumber(raw, defaultCountry ?? undefined);
  if (!result.ok) throw new DomainError(result.code, result.reason, { errors: [{ field, message: result.reason, code: result.code }] });
  return { e164: result.e164, callerIdKey: callerIdKey(result.e164, defaultCountry ?? undefined) ?? result.e164 };
}
