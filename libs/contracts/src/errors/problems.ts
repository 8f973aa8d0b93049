import type { ErrorCode } from './error-codes';

export interface ProblemInfo {
  status: number;
  title: string;
}

/**
 * The one mapping from error code to HTTP problem (status and stable title). A
 * `Record<ErrorCode, …>`: a code added to any enum without a row here fails to compile.
 */
const PROBLEMS: Record<ErrorCode, ProblemInfo> = {
  // common / HTTP
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON body' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  INVALID_API_KEY: { status: 401, title: 'Invalid API key' },
  API_KEY_REVOKED: { status: 401, title: 'API key revoked' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused with a different request' },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: { status: 409, title: 'A request with this idempotency key is in progress' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'This request needs an Idempotency-Key header' },
  INVALID_CURSOR: { status: 400, title: 'Invalid pagination cursor' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  UPSTREAM_TIMEOUT: { status: 504, title: 'Upstream service timed out' },
  // gateway
  ORGANIZATION_SUSPENDED: { status: 403, title: 'Organization suspended' },
  WEBHOOK_URL_INVALID: { status: 422, title: 'Invalid webhook URL' },
  IMPORT_FILE_INVALID: { status: 422, title: 'Import file cannot be read' },
  // gateway: live event stream
  STREAM_TOKEN_INVALID: { status: 401, title: 'Invalid stream token' },
  STREAM_TOKEN_EXPIRED: { status: 401, title: 'Stream token expired' },
  STREAM_CONNECTION_LIMIT: { status: 429, title: 'Too many open event streams for this organization' },
  STREAM_RESUME_INVALID: { status: 400, title: 'Invalid Last-Event-ID' },
  // phone
  INVALID_PHONE_NUMBER: { status: 422, title: 'Invalid phone number format' },
  TOO_SHORT: { status: 422, title: 'Phone number too short' },
  TOO_LONG: { status: 422, title: 'Phone number too long' },
  INVALID_LENGTH: { status: 422, title: 'Phone number has an invalid length' },
  INVALID_COUNTRY: { status: 422, title: 'Phone number country unknown' },
  NOT_A_NUMBER: { status: 422, title: 'Not a phone number' },
  // billing
  INSUFFICIENT_CREDITS: { status: 402, title: 'Insufficient credits' },
  RESERVATION_NOT_FOUND: { status: 404, title: 'Credit reservation not found' },
  RESERVATION_ALREADY_SETTLED: { status: 409, title: 'Credit reservation already settled' },
  INVALID_TOPUP_AMOUNT: { status: 422, title: 'Invalid top-up amount' },
  PAYMENT_FAILED: { status: 402, title: 'Payment failed' },
  PAYMENT_PROVIDER_ERROR: { status: 502, title: 'Payment provider error' },
  UNSUPPORTED_CURRENCY: { status: 422, title: 'Currency not supported' },
  PAYMENT_NOT_CONFIGURED: { status: 422, title: 'No payment provider or payment method configured' },
  // campaign
  CAMPAIGN_AGENT_MISSING: { status: 422, title: 'Campaign has no agent' },
  AGENT_INACTIVE: { status: 422, title: 'Agent is inactive' },
  AGENT_INCOMPLETE: { status: 422, title: 'Agent is missing required fields' },
  CAMPAIGN_LIST_EMPTY: { status: 422, title: 'Campaign call list is empty' },
  CAMPAIGN_SCHEDULE_OVER: { status: 422, title: 'Campaign schedule is over' },
  CAMPAIGN_INVALID_STATE: { status: 409, title: 'Campaign state does not allow this action' },
  CAMPAIGN_NOT_EDITABLE: { status: 409, title: 'Campaign cannot be edited in its state' },
  CAMPAIGN_AGENT_NOT_FOUND: { status: 404, title: 'Agent not found' },
  CAMPAIGN_CALL_LIST_NOT_FOUND: { status: 404, title: 'Call list not found' },
  CAMPAIGN_UNKNOWN_VARIABLE: { status: 422, title: "Agent uses a variable the call list does not have" },
  INVALID_FORWARDING_TARGET: { status: 422, title: 'Invalid forwarding target' },
  IMPORT_NO_PHONE_COLUMN: { status: 422, title: 'Import file has no phone column' },
  IMPORT_MAPPING_INVALID: { status: 422, title: 'Import mapping names a column the file does not have' },
  IMPORT_FILE_UNREADABLE: { status: 422, title: 'Import file cannot be read' },
  IMPORT_FILE_TOO_LARGE: { status: 413, title: 'Import file too large' },
  IMPORT_UNSUPPORTED_FORMAT: { status: 415, title: 'Import file is neither CSV nor XLSX' },
  // dialing (E4 and call control): a pre-dial refusal is 422 with its code (INSUFFICIENT_CREDITS keeps billing's 402)
  FROM_NUMBER_NOT_FOUND: { status: 422, title: 'Caller number not found' },
  FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT: { status: 422, title: 'Caller number does not allow this user to call out' },
  TO_NUMBER_NOT_ALLOWS_CALLOUT: { status: 422, title: 'Callee is on the do-not-call list' },
  AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL: { status: 422, title: 'Operator not found or in another call' },
  AGENT_FROM_NOT_FOUND: { status: 422, title: 'Operator caller identity not found' },
  REQUEST_ANSWER_URL_ERROR: { status: 502, title: 'Provider could not fetch the answer URL' },
  CALL_ALREADY_ENDED: { status: 409, title: 'Call already ended' },
  CALL_NOT_IN_PROGRESS: { status: 409, title: 'Call is not in progress' },
  INVALID_TRANSFER_TARGET: { status: 422, title: 'Invalid transfer target' },
  CALL_NOT_FOUND: { status: 404, title: 'Call not found' },
  MESSAGE_RULE_NOT_FOUND: { status: 404, title: 'Message rule not found' },
  MESSAGE_RULE_NAME_TAKEN: { status: 409, title: 'A message rule of this organization already has this name' },
  // telephony
  WEBHOOK_SIGNATURE_INVALID: { status: 401, title: 'Webhook signature invalid' },
  WEBHOOK_TIMESTAMP_STALE: { status: 401, title: 'Webhook timestamp too old' },
  WEBHOOK_SOURCE_NOT_ALLOWED: { status: 403, title: 'Webhook source address not allowed' },
  WEBHOOK_PAYLOAD_INVALID: { status: 400, title: 'Webhook payload invalid' },
  WEBHOOK_EVENT_UNKNOWN: { status: 404, title: 'Unknown webhook event' },
  PROVIDER_ACCOUNT_NOT_FOUND: { status: 404, title: 'Provider account not found' },
  PROVIDER_NOT_SUPPORTED: { status: 422, title: 'Provider not supported' },
  PROVIDER_CREDENTIALS_INVALID: { status: 422, title: 'Provider credentials invalid' },
  PROVIDER_ERROR: { status: 502, title: 'Telephony provider error' },
  PROVIDER_UNAVAILABLE: { status: 503, title: 'Telephony provider unavailable' },
  // transcript
  TRANSCRIPT_PROCESSING: { status: 409, title: 'Transcript is still processing' },
  TRANSCRIPT_NOT_AVAILABLE: { status: 404, title: 'Transcript not available' },
  RECORDING_PROCESSING: { status: 409, title: 'Recording is still processing' },
  RECORDING_NOT_AVAILABLE: { status: 404, title: 'Recording not available' },
  RECORDING_EXPIRED: { status: 410, title: 'Recording expired' },
  // ticketing
  CUSTOMER_NOT_FOUND: { status: 404, title: 'Customer not found' },
  TICKET_NOT_FOUND: { status: 404, title: 'Ticket not found' },
  PHONE_ALREADY_LINKED: { status: 409, title: 'Phone number already linked to another customer' },
  TICKET_INVALID_STATE: { status: 409, title: 'Ticket state does not allow this action' },
  OPERATOR_NOT_MAPPED: { status: 422, title: 'Provider operator is not mapped to a user' },
  // tickets from calls
  TICKET_CALL_NOT_FOUND: { status: 404, title: 'Call not known to ticketing' },
  TICKET_CALL_ALREADY_TICKETED: { status: 409, title: 'This call already has its ticket' },
  TICKET_OPERATOR_NOT_ON_CALL: { status: 409, title: 'The operator is not on this call' },
  TICKET_CALL_OTHER_CUSTOMER: { status: 409, title: "The call is another customer's" },
  TICKET_HAS_NO_NUMBER: { status: 409, title: 'The ticket has no number to call' },
  TICKET_STATS_PERIOD_INVERTED: { status: 422, title: 'The period ends before it starts' },
  NOTE_TEMPLATE_NOT_FOUND: { status: 404, title: 'Note template not found' },
  NOTE_TEMPLATE_NAME_TAKEN: { status: 409, title: 'A note template of that name exists' },
};

export function problemFor(code: ErrorCode): ProblemInfo {
  return PROBLEMS[code];
}

/** RFC 9457 `type` of a code: `urn:santral:problem:insufficient-credits`. */
export function problemTypeFor(code: ErrorCode): string {
  return `urn:santral:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** One field-level problem (for VALIDATION_FAILED and batch rejections). */
export interface ProblemFieldError {
  /** Dotted path (`limits.concurrentSlots`) or JSON pointer of the offending input. */
  field: string;
  message: string;
  code?: ErrorCode;
}

/** RFC 9457 problem details as served with `application/problem+json`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code (one of the enums in libs/contracts). */
  code: ErrorCode;
  errors?: ProblemFieldError[];
  /** Extension members (e.g. `missingFields` for AGENT_INCOMPLETE). */
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
