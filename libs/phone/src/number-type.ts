// The library's getType()/isValid() compile a new RegExp from metadata text on every test
// (about a fifth of all normalization time). This is the same decision, same order, with each
// numbering plan's patterns compiled once. The spec checks it agrees with the library on
// thousands of numbers across every country.
import { Metadata, type CountryCode, type PhoneNumber, type PhoneNumberType } from 'libphonenumber-js/core';
import { METADATA } from './phone-metadata';

interface TypeRule {
  type: PhoneNumberType;
  lengths: readonly number[] | undefined;
  pattern: RegExp;
}

interface PlanMatcher {
  general: RegExp;
  /** false: metadata has no per-type patterns; the library's own answer is used. */
  hasTypes: boolean;
  fixedLine: TypeRule | undefined;
  /** Mobile and fixed-line numbers share one pattern (US): a fixed-line match means either. */
  mobileIndistinct: boolean;
  mobile: TypeRule | undefined;
  /** In the library's order; the first match wins. */
  others: TypeRule[];
}

// Runtime methods of the library's NumberingPlan missing from its typings.
interface PlanInternals {
  nationalNumberPattern(): string;
  hasTypes(): boolean;
  type(type: PhoneNumberType): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

const NON_FIXED_LINE_TYPES: readonly PhoneNumberType[] = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

const matchers = new Map<string, PlanMatcher>();

function compile(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function buildMatcher(key: string): PlanMatcher {
  const metadata = new Metadata(METADATA);
  metadata.selectNumberingPlan(key as CountryCode);
  const plan = metadata.numberingPlan as unknown as PlanInternals;
  const rule = (type: PhoneNumberType): TypeRule | undefined => {
    const definition = plan.type(type);
    const pattern = definition?.pattern();
    return pattern ? { type, lengths: definition?.possibleLengths(), pattern: compile(pattern) } : undefined;
  };
  const hasTypes = plan.hasTypes();
  const mobileDefinition = hasTypes ? plan.type('MOBILE') : undefined;
  return {
    general: compile(plan.nationalNumberPattern() ?? ''),
    hasTypes,
    fixedLine: hasTypes ? rule('FIXED_LINE') : undefined,
    mobileIndistinct: !mobileDefinition || mobileDefinition.pattern() === '',
    mobile: hasTypes ? rule('MOBILE') : undefined,
    others: hasTypes ? NON_FIXED_LINE_TYPES.map(rule).filter((r): r is TypeRule => r !== undefined) : [],
  };
}

function matches(nationalNumber: string, rule: TypeRule | undefined): boolean {
  if (!rule) return false;
  if (rule.lengths && !rule.lengths.includes(nationalNumber.length)) return false;
  return rule.pattern.test(nationalNumber);
}

/** Valid, but the metadata has no per-type patterns to say which type (not the case with "max"). */
export const VALID_WITHOUT_TYPE = 'VALID_WITHOUT_TYPE';

/**
 * The number's type, or undefined when it is not valid: with type data (always, for the
 * "max" metadata we load) a number is valid exactly when it has a type.
 */
export function validNumberType(number: PhoneNumber): PhoneNumberType | typeof VALID_WITHOUT_TYPE | undefined {
  const key = number.country ?? number.countryCallingCode;
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = buildMatcher(key);
    matchers.set(key, matcher);
  }
  if (!matcher.hasTypes) return number.isValid() ? (number.getType() ?? VALID_WITHOUT_TYPE) : undefined;
  const nationalNumber = number.nationalNumber;
  if (!matcher.general.test(nationalNumber)) return undefined;
  if (matches(nationalNumber, matcher.fixedLine)) {
    return matcher.mobileIndistinct || matches(nationalNumber, matcher.mobile) ? 'FIXED_LINE_OR_MOBILE' : 'FIXED_LINE';
  }
  for (const rule of matcher.others) if (matches(nationalNumber, rule)) return rule.type;
  return undefined;
}
