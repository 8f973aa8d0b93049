/** Why a phone number was rejected. String values are stable: they travel in API problem responses. */
export const PhoneErrorCode = {
  /** Plausible length but no number range of that country matches. */
  INVALID_PHONE_NUMBER: 'INVALID_PHONE_NUMBER',
  TOO_SHORT: 'TOO_SHORT',
  TOO_LONG: 'TOO_LONG',
  /** Unknown default country, unknown +calling code, or a national number with no default country. */
  INVALID_COUNTRY: 'INVALID_COUNTRY',
  /** Empty, letters, several numbers, or input longer than MAX_PHONE_INPUT_LENGTH. */
  NOT_A_NUMBER: 'NOT_A_NUMBER',
} as const;
export type PhoneErrorCode = (typeof PhoneErrorCode)[keyof typeof PhoneErrorCode];

export const PHONE_TYPES = [
  'mobile',
  'fixed_line',
  'fixed_line_or_mobile',
  'toll_free',
  'premium_rate',
  'voip',
  'shared_cost',
  'personal_number',
  'pager',
  'uan',
  'voicemail',
  'unknown',
] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export interface ValidPhoneNumber {
  ok: true;
  /** `+905551234567`: the only form we store (REQUIREMENTS B1). */
  e164: string;
  /** ISO 3166-1 alpha-2 region, or null for non-geographic numbers (+800, +882...). */
  country: string | null;
  type: PhoneType;
  /** National format for display, with the trunk prefix: `0555 123 45 67`. */
  national: string;
  /** Present only when the input carried one (`x12`, `ext. 12`, `#12`, `;ext=12`); never part of e164. */
  extension?: string;
}

export interface InvalidPhoneNumber {
  ok: false;
  code: PhoneErrorCode;
  /** English, starts with "Invalid phone number format: " and names the problem. */
  reason: string;
}

export type PhoneResult = ValidPhoneNumber | InvalidPhoneNumber;

/** Longer inputs are rejected before parsing (NOT_A_NUMBER) so a huge string cannot cost much. */
export const MAX_PHONE_INPUT_LENGTH = 64;
