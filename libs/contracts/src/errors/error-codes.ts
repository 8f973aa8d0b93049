import { BillingErrorCode } from './billing.errors';
import { CampaignErrorCode } from './campaign.errors';
import { CommonErrorCode, GatewayErrorCode } from './common.errors';
import { DialingErrorCode } from './dialing.errors';
import { PhoneErrorCode } from './phone.errors';
import { TelephonyErrorCode } from './telephony.errors';
import { TicketingErrorCode } from './ticketing.errors';
import { TranscriptErrorCode } from './transcript.errors';

/** Every context's error enum, by context. */
export const ErrorCodes = {
  Common: CommonErrorCode,
  Gateway: GatewayErrorCode,
  Phone: PhoneErrorCode,
  Billing: BillingErrorCode,
  Campaign: CampaignErrorCode,
  Dialing: DialingErrorCode,
  Telephony: TelephonyErrorCode,
  Transcript: TranscriptErrorCode,
  Ticketing: TicketingErrorCode,
} as const;

/** Any stable error code (the `code` of a problem response). */
export type ErrorCode =
  | CommonErrorCode
  | GatewayErrorCode
  | PhoneErrorCode
  | BillingErrorCode
  | CampaignErrorCode
  | DialingErrorCode
  | TelephonyErrorCode
  | TranscriptErrorCode
  | TicketingErrorCode;

/** All codes, each once. */
export const ERROR_CODES: readonly ErrorCode[] = [
  ...new Set(Object.values(ErrorCodes).flatMap((group) => Object.values(group) as ErrorCode[])),
];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
