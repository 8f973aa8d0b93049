/**
 * Shared string vocabularies carried inside messages. Plain string-literal tuples so
 * payload DTOs can validate them with `@IsIn` and JSON Schema can list them as `enum`.
 * libs/call-state owns the transition rules and the state / reason words it defines; they
 * are re-exported here so every message speaks the same vocabulary.
 */
import {
  CALL_STATES as CALL_STATE_LIST,
  CAMPAIGN_STATES as CAMPAIGN_STATE_LIST,
  END_REASON_CODES,
  FAULTS,
  PAUSE_REASONS,
  TERMINAL_CALL_STATES,
  TICKET_STATUSES as TICKET_STATUS_LIST,
} from '@santral/call-state';

export const SERVICE_NAMES = [
  'api-gateway',
  'campaign',
  'dialer-orchestrator',
  'telephony-gateway',
  'billing',
  'transcript',
  'ticketing',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Call life cycle (REQUIREMENTS E1) and its terminal states: libs/call-state owns the words. */
export const CALL_STATES = CALL_STATE_LIST;
export type CallState = (typeof CALL_STATES)[number];

/** The terminal states; `endReason.status` is always one of these. */
export const CALL_END_STATUSES = TERMINAL_CALL_STATES;
export type CallEndStatus = (typeof CALL_END_STATUSES)[number];

/**
 * Normalized end reasons, the same for every provider (DESIGN §7 "end reasons as data"):
 * libs/call-state's END_REASON_CODES, which also owns their rules (status, fault, billable,
 * retryable). Upper-case codes are provider / pre-dial error names kept verbatim because
 * support quotes them (E4, E5).
 */
export const CALL_END_REASONS = END_REASON_CODES;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

/** Who is to blame for how a call ended; `none` for a normal completion. */
export const CALL_FAULTS = FAULTS;
export type CallFault = (typeof CALL_FAULTS)[number];

export const CALL_DIRECTIONS = ['outbound', 'inbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** Why a call exists: campaign contact, single API call, click-to-call (E6), test call (C4), callback (F3), inbound. */
export const CALL_KINDS = ['campaign', 'single', 'click_to_call', 'test', 'callback', 'inbound'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const CALL_LEG_TYPES = ['customer', 'operator', 'agent', 'transfer'] as const;
export type CallLegType = (typeof CALL_LEG_TYPES)[number];

export const PROVIDERS = ['simulator', 'twilio', 'callgear', 'vonage', 'stringee', 'asterisk'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Providers an organization can add an account for today (POST /v1/provider-accounts). */
export const PROVIDER_ACCOUNT_TYPES = ['simulator', 'twilio', 'callgear'] as const satisfies readonly Provider[];
export type ProviderAccountType = (typeof PROVIDER_ACCOUNT_TYPES)[number];

export const TRANSFER_FAILURE_REASONS = ['no_answer', 'busy', 'invalid_target', 'rejected', 'provider_error'] as const;
export type TransferFailureReason = (typeof TRANSFER_FAILURE_REASONS)[number];

/** Retry matrix dispositions (DESIGN §7). */
export const RETRY_DISPOSITIONS = ['no_answer', 'busy', 'failed', 'voicemail'] as const;
export type RetryDisposition = (typeof RETRY_DISPOSITIONS)[number];

/** Where a contact's time zone came from (DESIGN §7 calling windows). */
export const TIME_ZONE_SOURCES = ['given', 'number', 'organization_default', 'unknown'] as const;
export type TimeZoneSource = (typeof TIME_ZONE_SOURCES)[number];

/** Days of the week a calling window applies on (D1); the dialer's window rules use the same names. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const TASK_KINDS = ['campaign', 'single', 'click_to_call', 'test', 'callback'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** How a call task finished: `blocked` = never dialled (DNC, invalid number, pre-check). */
export const TASK_OUTCOMES = ['succeeded', 'failed', 'exhausted', 'blocked', 'cancelled'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** Campaign states (D2). */
export const CAMPAIGN_STATES = CAMPAIGN_STATE_LIST;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** libs/call-state's PAUSE_REASONS. */
export const CAMPAIGN_PAUSE_REASONS = PAUSE_REASONS;
export type CampaignPauseReason = (typeof CAMPAIGN_PAUSE_REASONS)[number];

export const CAMPAIGN_COMPLETION_REASONS = ['all_contacts_done', 'end_date_reached'] as const;
export type CampaignCompletionReason = (typeof CAMPAIGN_COMPLETION_REASONS)[number];

export const AGENT_FIRST_MESSAGE_MODES = ['agent_first', 'wait_for_customer'] as const;
export type AgentFirstMessageMode = (typeof AGENT_FIRST_MESSAGE_MODES)[number];

export const RESERVATION_RELEASE_REASONS = ['not_dialled', 'expired', 'cancelled'] as const;
export type ReservationReleaseReason = (typeof RESERVATION_RELEASE_REASONS)[number];

export const PAYMENT_PROVIDERS = ['stripe', 'manual'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export const TRANSCRIPT_SPEAKERS = ['agent', 'operator', 'customer'] as const;
export type TranscriptSpeaker = (typeof TRANSCRIPT_SPEAKERS)[number];

export const RECORDING_STORAGES = ['s3', 'local'] as const;
export type RecordingStorage = (typeof RECORDING_STORAGES)[number];

/** Ticket statuses (J10): libs/call-state's TICKET_STATUSES. */
export const TICKET_STATUSES = TICKET_STATUS_LIST;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_KINDS = ['inbound_call', 'missed_call', 'outbound_call', 'manual'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** The red/green handset flag of missed-call tickets (J7, J9). */
export const TICKET_HANDSETS = ['none', 'red', 'green'] as const;
export type TicketHandset = (typeof TICKET_HANDSETS)[number];
