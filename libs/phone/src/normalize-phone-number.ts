import type { PhoneNumber, PhoneNumberType, ValidatePhoneNumberLengthResult } from 'libphonenumber-js/core';
import { validatePhoneNumberLength } from 'libphonenumber-js/core';
import {
  METADATA,
  NO_COUNTRY_OPTIONS,
  cleanPhoneInput,
  countryPlan,
  describeLengths,
  digitsOf,
  hasDigit,
  parse,
  planForCallingCode,
  type CountryPlan,
} from './phone-metadata';
import { VALID_WITHOUT_TYPE, validNumberType } from './number-type';
import {
  MAX_PHONE_INPUT_LENGTH,
  PhoneErrorCode,
  type InvalidPhoneNumber,
  type PhoneResult,
  type PhoneType,
  type ValidPhoneNumber,
} from './phone.types';

const REASON_PREFIX = 'Invalid phone number format: ';

const TYPES: Record<PhoneNumberType, PhoneType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed_line',
  FIXED_LINE_OR_MOBILE: 'fixed_line_or_mobile',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  VOIP: 'voip',
  SHARED_COST: 'shared_cost',
  PERSONAL_NUMBER: 'personal_number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/** undefined: no default country given; null: a default country was given but is unknown. */
export type ResolvedCountry = CountryPlan | undefined | null;

export function resolveDefaultCountry(defaultCountry: string | undefined): ResolvedCountry {
  if (defaultCountry === undefined || defaultCountry === null) return undefined;
  if (typeof defaultCountry !== 'string') return null;
  return defaultCountry.trim() === '' ? undefined : countryPlan(defaultCountry);
}

/**
 * Normalizes a number typed by a person or found in a CSV to E.164 (REQUIREMENTS B1).
 * National numbers (`0555 123 45 67`) need `defaultCountry` (ISO alpha-2, any case);
 * `+...` and `00...` numbers do not. An unknown `defaultCountry` is a configuration error and is
 * reported (INVALID_COUNTRY) even for international input, so it cannot go unnoticed.
 */
export function normalizePhoneNumber(input: string, defaultCountry?: string): PhoneResult {
  const plan = resolveDefaultCountry(defaultCountry);
  return plan === null ? unknownDefaultCountry(defaultCountry) : normalizeWithPlan(input, plan);
}

/** normalizePhoneNumber for many inputs with one default country; order is preserved. */
export function normalizeMany(inputs: readonly string[], defaultCountry?: string): PhoneResult[] {
  const plan = resolveDefaultCountry(defaultCountry);
  const results = new Array<PhoneResult>(inputs.length);
  if (plan === null) return results.fill(unknownDefaultCountry(defaultCountry));
  for (let i = 0; i < inputs.length; i++) results[i] = normalizeWithPlan(inputs[i], plan);
  return results;
}

export function normalizeWithPlan(input: unknown, plan: CountryPlan | undefined): PhoneResult {
  if (typeof input !== 'string') return fail(PhoneErrorCode.NOT_A_NUMBER, 'expected a string');
  if (input.length > MAX_PHONE_INPUT_LENGTH) {
    return fail(PhoneErrorCode.NOT_A_NUMBER, `input is longer than ${MAX_PHONE_INPUT_LENGTH} characters`);
  }
  const text = cleanPhoneInput(input);
  if (!hasDigit(text)) return notANumber(text);
  const options = plan ? plan.parseOptions : NO_COUNTRY_OPTIONS;
  const parsed = parse(text, options);
  const type = parsed && validNumberType(parsed);
  if (type) return success(parsed, type);
  const lengthError = parsed ? undefined : validatePhoneNumberLength(text, options, METADATA);
  if (lengthError === 'NOT_A_NUMBER') return notANumber(text);
  const retried = retryAsInternational(text, parsed, plan);
  const retriedType = retried && validNumberType(retried);
  if (retriedType) return success(retried, retriedType);
  const explained = parsed ?? retried;
  return explained ? explainInvalid(explained) : explainUnparsed(text, lengthError, plan);
}

/**
 * People drop the `+`: `0044 20 7946 0958` (00 is the most common international prefix, accepted
 * whatever the default country's own prefix is) and `90 212 555 12 12` (the default country's own
 * calling code). Tried only when the national reading is not valid; other calling codes without
 * a `+` are not guessed, so a typo cannot turn into a foreign number.
 */
export function retryAsInternational(
  text: string,
  parsed: PhoneNumber | undefined,
  plan: CountryPlan | undefined,
): PhoneNumber | undefined {
  let digits = digitsOf(text);
  if (digits.startsWith('+')) return undefined;
  if (parsed?.ext) digits = digits.slice(0, -parsed.ext.length);
  let candidate: string;
  if (digits.startsWith('00')) candidate = '+' + digits.slice(2);
  else if (plan && digits.startsWith(plan.callingCode)) candidate = '+' + digits;
  else return undefined;
  const retried = parse(candidate, NO_COUNTRY_OPTIONS);
  if (retried && parsed?.ext) retried.setExt(parsed.ext);
  return retried;
}

function success(number: PhoneNumber, type: PhoneNumberType | typeof VALID_WITHOUT_TYPE): ValidPhoneNumber {
  let national: string | undefined;
  const result = {
    ok: true,
    e164: number.number,
    country: number.country ?? null,
    type: type === VALID_WITHOUT_TYPE ? 'unknown' : TYPES[type],
    // Formatted when read: the bulk paths (an import's million numbers) need only the E.164, and
    // formatting was a tenth of their time. Enumerable, so JSON and spreads still carry it.
    get national(): string {
      return (national ??= number.formatNational());
    },
  } as ValidPhoneNumber;
  if (number.ext) result.extension = number.ext;
  return result;
}

function fail(code: PhoneErrorCode, detail: string): InvalidPhoneNumber {
  return { ok: false, code, reason: REASON_PREFIX + detail };
}

function unknownDefaultCountry(defaultCountry: unknown): InvalidPhoneNumber {
  const shown = JSON.stringify(String(defaultCountry).slice(0, 8));
  return fail(PhoneErrorCode.INVALID_COUNTRY, `unknown default country ${shown}`);
}

function notANumber(text: string): InvalidPhoneNumber {
  if (text.trim() === '') return fail(PhoneErrorCode.NOT_A_NUMBER, 'empty input');
  return fail(PhoneErrorCode.NOT_A_NUMBER, 'not a phone number (only digits, spaces, + ( ) - . / and an extension are allowed)');
}

function digitCount(count: number): string {
  return count === 1 ? '1 digit' : `${count} digits`;
}

/** The library parsed the number but it is not valid: say whether the length or the range is wrong. */
function explainInvalid(number: PhoneNumber): InvalidPhoneNumber {
  const region = (number.country && countryPlan(number.country)) || planForCallingCode(number.countryCallingCode);
  if (!region) {
    return fail(PhoneErrorCode.INVALID_PHONE_NUMBER, `${number.number} is not a valid number`);
  }
  let nationalNumber = number.nationalNumber;
  // The parser keeps the trunk prefix when the rest has an impossible length (`0555 123`);
  // without it the length matches what the person typed after the 0.
  const prefix = region.nationalPrefix;
  if (prefix && nationalNumber.startsWith(prefix)) nationalNumber = nationalNumber.slice(prefix.length);
  const length = nationalNumber.length;
  const typical = region.typicalLengths;
  const expected = `${digitCount(length)}, expected ${describeLengths(typical)}`;
  const where = number.country ? region.country : `+${region.callingCode}`;
  if (length < typical[0]) return fail(PhoneErrorCode.TOO_SHORT, `too short for ${where} (${expected})`);
  if (length > typical[typical.length - 1]) return fail(PhoneErrorCode.TOO_LONG, `too long for ${where} (${expected})`);
  if (!region.possibleLengths.includes(length)) {
    return fail(PhoneErrorCode.INVALID_PHONE_NUMBER, `invalid length for ${where} (${expected})`);
  }
  return fail(PhoneErrorCode.INVALID_PHONE_NUMBER, `${number.number} is not a valid ${where} number (no number range matches)`);
}

/** The library could not even build a number; it told us roughly why. */
function explainUnparsed(
  text: string,
  lengthError: ValidatePhoneNumberLengthResult | undefined,
  plan: CountryPlan | undefined,
): InvalidPhoneNumber {
  const digits = digitsOf(text);
  const international = digits.startsWith('+');
  const count = digitCount(international ? digits.length - 1 : digits.length);
  switch (lengthError) {
    case 'INVALID_COUNTRY':
      if (international || plan) {
        return fail(PhoneErrorCode.INVALID_COUNTRY, `unknown country calling code in ${digits.slice(0, 4)}...`);
      }
      return fail(
        PhoneErrorCode.INVALID_COUNTRY,
        'a national number needs a default country; set one or write the number as +<country code><number>',
      );
    case 'TOO_SHORT':
      return fail(PhoneErrorCode.TOO_SHORT, plan && !international
        ? `too short for ${plan.country} (${count}, expected ${describeLengths(plan.typicalLengths)})`
        : `too short (${count})`);
    case 'TOO_LONG':
      return fail(PhoneErrorCode.TOO_LONG, `too long (${count}; E.164 numbers have at most 15)`);
    case 'INVALID_LENGTH':
      return fail(PhoneErrorCode.INVALID_PHONE_NUMBER, `invalid length (${count})`);
    default:
      return notANumber(text);
  }
}
