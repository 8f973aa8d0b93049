import { BillingErrorCode } from '../billing/billing.errors';
import { CampaignErrorCode } from '../campaign/campaign.errors';
import { CommonErrorCode } from '../common/common.errors';
import { PhoneErrorCode } from '../common/phone.errors';
import { DialingErrorCode } from '../dialer/dialer.errors';
import { GatewayErrorCode } from '../gateway/gateway.errors';
import { EventsStreamErrorCode } from '../gateway/events-stream.errors';
import { TelephonyErrorCode } from '../telephony/telephony.errors';
import { TicketingErrorCode } from '../ticketing/ticketing.errors';
import { TicketsErrorCode } from '../ticketing/tickets.errors';
import { OperatorHelpersErrorCode } from '../ticketing/operator-helpers.errors';
import { TranscriptErrorCode } from '../transcript/transcript.errors';

/** Every context's error enum, by context. */
export const ErrorCodes = {
  Common: CommonErrorCode,
  Gateway: GatewayErrorCode,
  EventsStream: EventsStreamErrorCode,
  Phone: PhoneErrorCode,
  Billing: BillingErrorCode,
  Campaign: CampaignErrorCode,
  Dialing: DialingErrorCode,
  Telephony: TelephonyErrorCode,
  Transcript: TranscriptErrorCode,
  Ticketing: TicketingErrorCode,
  Tickets: TicketsErrorCode,
  OperatorHelpers: OperatorHelpersErrorCode,
} as const;

/** Any stable error code (the `code` of a problem response). */
export type ErrorCode =
  | CommonErrorCode
  | GatewayErrorCode
  | EventsStreamErrorCode
  | PhoneErrorCode
  | BillingErrorCode
  | CampaignErrorCode
  | DialingErrorCode
  | TelephonyErrorCode
  | TranscriptErrorCode
  | TicketingErrorCode
  | TicketsErrorCode
  | OperatorHelpersErrorCode;

/** All codes, each once. */
export const ERROR_CODES: readonly ErrorCode[] = [
  ...new Set(Object.values(ErrorCodes).flatMap((group) => Object.values(group) as ErrorCode[])),
];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
