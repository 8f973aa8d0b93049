import { resolveDefaultCountry, retryAsInternational } from './normalize-phone-number';
import { NO_COUNTRY_OPTIONS, cleanPhoneInput, countryPlan, digitsOf, hasDigit, parse, type CountryPlan } from './phone-metadata';
import type { PhoneNumber } from 'libphonenumber-js/core';
import { MAX_PHONE_INPUT_LENGTH } from './phone.types';
import { validNumberType } from './number-type';

/**
 * The key under which an incoming caller ID is looked up against stored customers
 * (REQUIREMENTS B2). `+90 555 123 45 67`, `0555 123 45 67`, `905551234567`,
 * `0090 555 123 45 67` and `(0555) 123-45-67` (default country TR) share one key.
 *
 * Rule, in order:
 * 1. The number parses to a valid number, or to a possible one (right length for its
 *    country) → its E.164 (`+905551234567`); extensions are dropped. Accepting "possible"
 *    keeps keys stable when the library's number ranges change between versions.
 * 2. Otherwise a digits-only key (other scripts' digits converted), without `+` so it can
 *    never equal an E.164 key: the international prefix (`+`, `00`) with the default country's
 *    calling code is dropped, or else the trunk prefix (`0`); what is left is the national part
 *    (`+90 555 123`, `0090 555 123` and `0555 123` → `555123`; short codes stay as dialled,
 *    `112` → `112`). An international number of another country keeps `+` and all its digits
 *    (`+999 123456` → `+999123456`); with no default country, national input stays as dialled.
 * 3. No digits, or longer than MAX_PHONE_INPUT_LENGTH characters (`anonymous`, `unknown`) → null.
 * An unknown default country is ignored here: the key is still right for international numbers.
 */
export function callerIdKey(raw: string, defaultCountry?: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_PHONE_INPUT_LENGTH) return null;
  const plan = resolveDefaultCountry(defaultCountry) ?? undefined;
  const text = cleanPhoneInput(raw);
  if (!hasDigit(text)) return null;
  const parsed = parse(text, plan ? plan.parseOptions : NO_COUNTRY_OPTIONS);
  if (parsed && usableAsKey(parsed)) return parsed.number;
  const retried = retryAsInternational(text, parsed, plan);
  if (retried && usableAsKey(retried)) return retried.number;
  return digitsKey(digitsOf(text), plan);
}

/** True when both inputs have the same non-null callerIdKey. */
export function sameNumber(a: string, b: string, defaultCountry?: string): boolean {
  const key = callerIdKey(a, defaultCountry);
  return key !== null && key === callerIdKey(b, defaultCountry);
}

function usableAsKey(number: PhoneNumber): boolean {
  if (validNumberType(number)) return true;
  if (!number.isPossible()) return false;
  // `0555 123` parses as a "possible" 7-digit +900555123; a kept trunk prefix means the
  // parser could not make sense of it, so it goes to the digits rule instead.
  const prefix = number.country ? countryPlan(number.country)?.nationalPrefix : undefined;
  return !(prefix && number.nationalNumber.startsWith(prefix));
}

function digitsKey(dialled: string, plan: CountryPlan | undefined): string | null {
  let digits = dialled;
  let international = false;
  if (digits.startsWith('+')) {
    digits = digits.slice(1);
    international = true;
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (digits === '') return null;
  if (!plan) return international ? '+' + digits : digits;
  const code = plan.callingCode;
  if (international) return digits.startsWith(code) ? digits.slice(code.length) : '+' + digits;
  const prefix = plan.nationalPrefix;
  if (prefix && digits.startsWith(prefix) && digits.length > prefix.length) return digits.slice(prefix.length);
  if (digits.startsWith(code) && plan.possibleLengths.includes(digits.length - code.length)) {
    return digits.slice(code.length);
  }
  return digits;
}
