// Payload classes are decorated at import; class-transformer's @Type needs Reflect metadata first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsISO31661Alpha2,
  IsNumber,
  IsString,
  IS_TIMEZONE,
  isTimeZone,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  buildMessage,
} from 'class-validator';

/** E.164: `+`, country code, subscriber number; 7–15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
/** SIP URI as accepted for forwarding targets (C3): `sip:user@host` or `sips:`. */
export const SIP_URI_PATTERN = /^sips?:[^\s@]+@[^\s@]+$/;
/** A phone number (E.164) or a SIP URI. */
export const DIAL_TARGET_PATTERN = /^(?:\+[1-9]\d{6,14}|sips?:[^\s@]+@[^\s@]+)$/;
/** RFC 3339 date-time (what `new Date().toISOString()` produces, any offset). */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
/** Wall-clock time of day `HH:MM` (24 h). */
export const CLOCK_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** A calendar date `YYYY-MM-DD` (a holiday in the contact's zone). */
export const LOCAL_DATE_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** class-validator names of the custom validators below; the JSON Schema converter maps them. */
export const IS_TIMESTAMP = 'isRfc3339Timestamp';
export const IS_JSON_OBJECT = 'isJsonObject';
export const IS_STRING_MAP = 'isStringMap';

type Decorator = PropertyDecorator;

function compose(...decorators: Decorator[]): Decorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

interface EachOption {
  each?: boolean;
}

/**
 * Every entity id (organization, call, campaign, task, …) is a UUID; new ids are UUIDv7.
 * One place so the rule can change once.
 */
export function IsEntityId(options: EachOption = {}): Decorator {
  return IsUUID('all', { each: options.each, message: '$property must be a UUID' });
}

export function IsE164(options: EachOption = {}): Decorator {
  return Matches(E164_PATTERN, {
    each: options.each,
    message: '$property must be an E.164 phone number (+905551234567)',
  });
}

/** A phone number (E.164) or a SIP URI (`sip:user@host`). */
export function IsDialTarget(options: EachOption = {}): Decorator {
  return Matches(DIAL_TARGET_PATTERN, {
    each: options.each,
    message: '$property must be an E.164 phone number or a sip: URI',
  });
}

/** An RFC 3339 date-time string that is also a real date. */
export function IsTimestamp(): Decorator {
  return ValidateBy({
    name: IS_TIMESTAMP,
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && TIMESTAMP_PATTERN.test(value) && !Number.isNaN(Date.parse(value)),
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be an RFC 3339 date-time`),
    },
  });
}

/** class-validator name of the ≤ 4 decimals rule of credits. */
export const IS_CREDIT_AMOUNT = 'isCreditAmount';

/** A whole number of ten-thousandths within the safe range (billing keeps integer units of 1/10,000). */
export function isCreditAmount(value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const units = Math.round(value * 10_000);
  // Exactly the double nearest to units / 10,000 (0.1, 1.2345 pass; 3e-323 and 0.00001 do not).
  return Number.isSafeInteger(units) && units / 10_000 === value;
}

/**
 * Credits of any sign, at most 4 decimals. Not class-validator's `maxDecimalPlaces`: it throws a
 * TypeError on a number printed in exponent form (`3e-323`), which turned such input into a 500.
 */
export function IsCreditAmount(): Decorator {
  return compose(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    ValidateBy({
      name: IS_CREDIT_AMOUNT,
      validator: {
        validate: isCreditAmount,
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be a number of credits with at most 4 decimals`),
      },
    }),
  );
}

/** Credits: non-negative, at most 4 decimals (billing stores integer ten-thousandths). */
export function IsCredits(): Decorator {
  return compose(IsCreditAmount(), Min(0));
}

/** A whole, non-negative number of seconds. */
export function IsSeconds(): Decorator {
  return compose(Min(0), IsInt()); // IsInt last: its `integer` wins in JSON Schema
}

/** An integer in a closed range. */
export function IsIntBetween(min: number, max: number): Decorator {
  return compose(Min(min), Max(max), IsInt());
}

/** ISO 3166-1 alpha-2 country code (`TR`, `VN`). */
export function IsCountryCode(): Decorator {
  const message = '$property must be an upper-case ISO 3166-1 alpha-2 country code';
  return compose(IsISO31661Alpha2({ message }), Matches(/^[A-Z]{2}$/, { message }));
}

/** The answers of isTimeZoneName so far; bounded, so a stream of junk values cannot grow it. */
const timeZoneAnswers = new Map<string, boolean>();
const TIME_ZONE_ANSWERS_MAX = 2000;

/**
 * An IANA time zone name this runtime knows. class-validator's check builds an Intl.DateTimeFormat
 * on every value (measured: ~6 % of the dialer's CPU, a zone on every task and event); there are a
 * few hundred zones, so each name is asked once.
 */
export function isTimeZoneName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const known = timeZoneAnswers.get(value);
  if (known !== undefined) return known;
  const answer = isTimeZone(value);
  if (timeZoneAnswers.size < TIME_ZONE_ANSWERS_MAX) timeZoneAnswers.set(value, answer);
  return answer;
}

/** IANA time zone name (`Europe/Istanbul`). Keeps class-validator's rule name, which the JSON Schema converter maps. */
export function IsTimeZoneName(): Decorator {
  return ValidateBy({ name: IS_TIMEZONE, validator: { validate: isTimeZoneName, defaultMessage: () => '$property must be an IANA time zone' } });
}

/** `HH:MM` in 24-hour form. */
export function IsClockTime(): Decorator {
  return Matches(CLOCK_TIME_PATTERN, { message: '$property must be a time of day HH:MM' });
}

/** `YYYY-MM-DD`. */
export function IsLocalDate(options: EachOption = {}): Decorator {
  return Matches(LOCAL_DATE_PATTERN, { each: options.each, message: '$property must be a date YYYY-MM-DD' });
}

/** A non-empty string no longer than `max`. */
export function IsText(max: number, options: EachOption = {}): Decorator {
  const each = { each: options.each };
  return compose(IsString(each), MinLength(1, each), MaxLength(max, each));
}

/**
 * A nested payload object of class `type()`. Includes IsDefined because ValidateNested
 * alone lets a missing object through; combine with @IsOptional() for optional ones.
 */
export function IsNested(type: () => new () => object): Decorator {
  return compose(IsDefined(), ValidateNested(), Type(type));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A free-form JSON object (provider settings), at most `maxBytes` once serialized. */
export function IsJsonObject(maxBytes: number): Decorator {
  return ValidateBy({
    name: IS_JSON_OBJECT,
    constraints: [maxBytes],
    validator: {
      validate: (value: unknown) => isPlainObject(value) && JSON.stringify(value).length <= maxBytes,
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be a JSON object of at most ${maxBytes} bytes`),
    },
  });
}

/** An object of non-empty strings (provider secrets): at most `maxKeys` keys, each value ≤ `maxLength`. */
export function IsStringMap(maxKeys: number, maxLength: number): Decorator {
  return ValidateBy({
    name: IS_STRING_MAP,
    constraints: [maxKeys, maxLength],
    validator: {
      validate: (value: unknown) =>
        isPlainObject(value) &&
        Object.keys(value).length <= maxKeys &&
        Object.values(value).every((v) => typeof v === 'string' && v.length > 0 && v.length <= maxLength),
      defaultMessage: buildMessage(
        (prefix) => `${prefix}$property must be an object of at most ${maxKeys} non-empty strings of at most ${maxLength} characters`,
      ),
    },
  });
}
