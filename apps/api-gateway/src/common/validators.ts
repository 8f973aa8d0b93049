import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * The IANA name as given, with Intl's casing (`europe/istanbul` → `Europe/Istanbul`), or
 * undefined if Intl does not know it. Links are kept (ICU would turn `Asia/Ho_Chi_Minh`
 * into the older `Asia/Saigon`).
 */
export function canonicalTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64 || !TIME_ZONE_SHAPE.test(value)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return undefined;
  }
}

/** An IANA time zone name that this runtime's Intl knows (offsets like `+03:00` are refused). */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => canonicalTimeZone(value) !== undefined,
        defaultMessage: () => '$property must be an IANA time zone name such as Europe/Istanbul',
      },
    },
    options,
  );
}

/** Canonicalizes a valid time zone name; leaves anything else for the validator to reject. */
export const ToCanonicalTimeZone = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => canonicalTimeZone(value) ?? value);

/** Upper-cases strings (country codes); leaves anything else for the validator to reject. */
export const ToUpperCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value));
