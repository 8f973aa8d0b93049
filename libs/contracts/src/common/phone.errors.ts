import { codeEnum, type CodesOf } from './code-enum';

/**
 * Why a phone number could not be normalized to E.164 (B1, B3). TOO_SHORT … NOT_A_NUMBER
 * are libphonenumber-js's parse reasons, kept verbatim; INVALID_PHONE_NUMBER is the rest.
 */
export const PhoneErrorCode = codeEnum(
  'INVALID_PHONE_NUMBER',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_LENGTH',
  'INVALID_COUNTRY',
  'NOT_A_NUMBER',
);
export type PhoneErrorCode = CodesOf<typeof PhoneErrorCode>;
