// Everything that touches libphonenumber-js metadata lives here. We use the core build with
// the "max" metadata loaded once, so number types and validity are as precise as the library
// offers and no per-call wrapper copies the arguments.
import {
  Metadata,
  getCountryCallingCode,
  isSupportedCountry,
  parseIncompletePhoneNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

export const METADATA: MetadataJson = maxMetadata;

export interface ParseOptions {
  defaultCountry?: CountryCode;
  /** false: the whole input must be one number; "call 0555..." or two numbers are rejected. */
  extract: false;
}

/** What we need to know about one country's numbering plan, computed once per country. */
export interface CountryPlan {
  country: CountryCode;
  callingCode: string;
  /** Trunk prefix dialled before national numbers (`0` in TR, `1` in US), if any. */
  nationalPrefix: string | undefined;
  /** Lengths of the national significant number for any type. */
  possibleLengths: readonly number[];
  /** Lengths of mobile and fixed-line numbers: what people mean when they type a number. */
  typicalLengths: readonly number[];
  parseOptions: ParseOptions;
}

// Methods the library's NumberingPlan has at runtime but does not declare in its typings.
// Guarded by the spec that checks TR's plan, so an upgrade that changes them fails a test.
interface NumberingPlanInternals {
  nationalPrefix(): string | undefined;
  possibleLengths(): number[];
  type(type: string): { possibleLengths(): number[] } | undefined;
}

export const NO_COUNTRY_OPTIONS: ParseOptions = Object.freeze({ extract: false });

const plans = new Map<string, CountryPlan>();

/** The plan for an ISO country code (any case, surrounding spaces allowed), or null if unknown. */
export function countryPlan(code: string): CountryPlan | null {
  const cached = plans.get(code);
  if (cached) return cached;
  const country = code.trim().toUpperCase();
  if (!isSupportedCountry(country as CountryCode, METADATA)) return null;
  const plan = plans.get(country) ?? buildPlan(country as CountryCode);
  plans.set(country, plan);
  // Only spellings of supported countries are cached, so junk input cannot grow the map much.
  if (code !== country && plans.size < 2048) plans.set(code, plan);
  return plan;
}

function buildPlan(country: CountryCode): CountryPlan {
  const metadata = new Metadata(METADATA);
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan as unknown as NumberingPlanInternals;
  const possibleLengths = plan.possibleLengths();
  const typical = new Set<number>();
  for (const type of ['MOBILE', 'FIXED_LINE']) {
    for (const length of plan.type(type)?.possibleLengths() ?? []) typical.add(length);
  }
  return Object.freeze({
    country,
    callingCode: getCountryCallingCode(country, METADATA),
    nationalPrefix: plan.nationalPrefix() || undefined,
    possibleLengths: Object.freeze(possibleLengths.slice()),
    typicalLengths: Object.freeze(typical.size ? [...typical].sort((a, b) => a - b) : possibleLengths.slice()),
    parseOptions: Object.freeze({ defaultCountry: country, extract: false as const }),
  });
}

/** The countries sharing a calling code (`1` → US, CA, JM...), main country first. */
export function countriesForCallingCode(callingCode: string): readonly string[] {
  return METADATA.country_calling_codes[callingCode] ?? [];
}

/** The main country's plan for a calling code, for explaining numbers whose region is unknown. */
export function planForCallingCode(callingCode: string): CountryPlan | null {
  const main = countriesForCallingCode(callingCode)[0];
  return main && main !== '001' ? countryPlan(main) : null;
}

export function parse(text: string, options: ParseOptions): PhoneNumber | undefined {
  return parsePhoneNumberFromString(text, options, METADATA);
}

/** `+` (if leading) and ASCII digits; converts other scripts' digits (`٠٥٥٥`, `０５５５`). */
export function digitsOf(text: string): string {
  return parseIncompletePhoneNumber(text);
}

// Tabs, newlines, no-break and zero-width spaces come from spreadsheets and copy-paste; the
// parser only accepts plain spaces. The test runs first so the common clean input is not copied.
const NEEDS_CLEANING = /[^\S ]|[\u200b-\u200d\u2060]|tel:/i;
const WHITESPACE_LIKE = /[\s\u200b-\u200d\u2060]+/g;
const TEL_URI_PREFIX = /^tel:/i;

export function cleanPhoneInput(input: string): string {
  if (!NEEDS_CLEANING.test(input)) return input;
  return input.replace(WHITESPACE_LIKE, ' ').trim().replace(TEL_URI_PREFIX, '');
}

// The digits the library accepts. Input without any is rejected before parsing, because the
// library reports failures by throwing, which costs ~30µs per junk value ('', 'n/a', '-').
const ANY_DIGIT = /[0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]/;

export function hasDigit(text: string): boolean {
  return ANY_DIGIT.test(text);
}

/** "10", "9 or 10", "5 to 15": for reasons such as "expected 10". */
export function describeLengths(lengths: readonly number[]): string {
  if (lengths.length === 0) return 'unknown';
  const first = lengths[0];
  const last = lengths[lengths.length - 1];
  if (lengths.length > 2 && last - first === lengths.length - 1) return `${first} to ${last}`;
  if (lengths.length === 1) return String(first);
  return `${lengths.slice(0, -1).join(', ')} or ${last}`;
}
