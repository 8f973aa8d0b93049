import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { IsE164, IsEntityId, IsIntBetween, IsLocalDate, IsNested, IsText, IsTimeZoneName, IsTimestamp } from '../validation/decorators';
import { CAMPAIGN_COMPLETION_REASONS, CAMPAIGN_PAUSE_REASONS, CAMPAIGN_STATES, type CampaignCompletionReason, type CampaignPauseReason, type CampaignState } from '../vocabulary';
import { CallingWindowV1, RetryPolicyV1 } from './campaign.events';

/** Request and reply bodies of rpc.campaign.campaign.create|get|list|update|progress|contacts|diagnostics (D1, D4, D5). */
export const CAMPAIGN_LIMITS = {
  nameLength: 200,
  listPageSize: 100,
  windows: 12,
  /** D1: nothing before 09:00, nothing after 19:00 local. */
  earliest: '09:00',
  latest: '19:00',
  ringTimeout: { min: 5, max: 300, default: 30 },
  /** D1 defaults: 09:00–12:00 and 14:00–17:00. */
  defaultWindows: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:00' }],
} as const;

/** Per-contact progress states (D4). */
export const CAMPAIGN_CONTACT_STATES = ['pending', 'in_progress', 'retry_scheduled', 'succeeded', 'failed', 'exhausted', 'blocked', 'cancelled'] as const;
export type CampaignContactState = (typeof CAMPAIGN_CONTACT_STATES)[number];
export const FINAL_CAMPAIGN_CONTACT_STATES: readonly CampaignContactState[] = ['succeeded', 'failed', 'exhausted', 'blocked', 'cancelled'];

const L = CAMPAIGN_LIMITS;

/** The editable settings of a campaign; on update each is optional (`null` clears an optional one). */
export class CampaignFieldsV1 {
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @IsOptional()
  @IsE164()
  fromNumber?: string | null;

  @IsOptional()
  @IsEntityId()
  providerAccountId?: string | null;

  @IsOptional()
  @IsTimestamp()
  startsAt?: string;

  @IsOptional()
  @IsTimestamp()
  endsAt?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.windows)
  @ValidateNested({ each: true })
  @Type(() => CallingWindowV1)
  callingWindows?: CallingWindowV1[];

  /** Zone for contacts whose own zone is neither given nor known from their number. */
  @IsOptional()
  @IsTimeZoneName()
  defaultTimeZone?: string | null;

  @IsOptional()
  @IsNested(() => RetryPolicyV1)
  retryPolicy?: RetryPolicyV1;

  @IsOptional()
  @IsIntBetween(1, 1_000_000)
  callsPerHour?: number | null;

  @IsOptional()
  @IsIntBetween(L.ringTimeout.min, L.ringTimeout.max)
  ringTimeoutSeconds?: number;

  @IsOptional()
  @IsIntBetween(10, 86_400)
  maxCallSeconds?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @IsLocalDate({ each: true })
  restrictedDates?: string[];
}

/** rpc.campaign.campaign.create — name, agent, call list, start and end are required. */
export class CampaignCreateRequest extends CampaignFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  agentId: string;

  @IsEntityId()
  callListId: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.campaign.campaign.update — agent and call list may change only before the first start. */
export class CampaignUpdateRequest extends CampaignFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  campaignId: string;

  @IsOptional()
  @IsEntityId()
  agentId?: string;

  @IsOptional()
  @IsEntityId()
  callListId?: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.campaign.campaign.get | progress | diagnostics */
export class CampaignRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  campaignId: string;
}

/** rpc.campaign.campaign.list — newest first. */
export class CampaignListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

export class CampaignReply {
  @IsEntityId()
  campaignId: string;

  @IsText(L.nameLength)
  name: string;

  @IsEntityId()
  agentId: string;

  @IsEntityId()
  callListId: string;

  @IsIn(CAMPAIGN_STATES)
  state: CampaignState;

  @IsOptional()
  @IsIn(CAMPAIGN_PAUSE_REASONS)
  pauseReason: CampaignPauseReason | null;

  @IsOptional()
  @IsIn(CAMPAIGN_COMPLETION_REASONS)
  completionReason: CampaignCompletionReason | null;

  @IsOptional()
  @IsE164()
  fromNumber: string | null;

  @IsOptional()
  @IsEntityId()
  providerAccountId: string | null;

  @IsTimestamp()
  startsAt: string;

  @IsTimestamp()
  endsAt: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CallingWindowV1)
  callingWindows: CallingWindowV1[];

  @IsOptional()
  @IsTimeZoneName()
  defaultTimeZone: string | null;

  @IsNested(() => RetryPolicyV1)
  retryPolicy: RetryPolicyV1;

  @IsOptional()
  @IsInt()
  callsPerHour: number | null;

  @IsInt()
  ringTimeoutSeconds: number;

  @IsOptional()
  @IsInt()
  maxCallSeconds: number | null;

  @IsArray()
  @IsLocalDate({ each: true })
  restrictedDates: string[];

  /** The sample of the last start (D6), null when it requested every contact. */
  @IsOptional()
  @IsInt()
  sampleSize: number | null;

  /** Contacts requested from the dialer so far. */
  @IsInt()
  @Min(0)
  requestedContacts: number;

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;

  @IsOptional()
  @IsTimestamp()
  startedAt: string | null;

  @IsOptional()
  @IsTimestamp()
  finishedAt: string | null;
}

export class CampaignPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CampaignReply)
  items: CampaignReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

export class CampaignTotalsV1 {
  @IsInt() @Min(0) pending: number;
  @IsInt() @Min(0) inProgress: number;
  @IsInt() @Min(0) retryScheduled: number;
  @IsInt() @Min(0) succeeded: number;
  @IsInt() @Min(0) failed: number;
  @IsInt() @Min(0) exhausted: number;
  @IsInt() @Min(0) blocked: number;
  @IsInt() @Min(0) cancelled: number;
}

/** rpc.campaign.campaign.progress reply (D4). */
export class CampaignProgressReply {
  @IsEntityId()
  campaignId: string;

  @IsIn(CAMPAIGN_STATES)
  state: CampaignState;

  /** Contacts of the call list; `requested` of them were handed to the dialer. */
  @IsInt() @Min(0) listContacts: number;
  @IsInt() @Min(0) requested: number;

  @IsNested(() => CampaignTotalsV1)
  totals: CampaignTotalsV1;

  /** succeeded ÷ final contacts (0–1), null while none is final. */
  @IsOptional()
  @IsNumber()
  successRate: number | null;

  /** Mean talk seconds of the calls that were answered, null before the first. */
  @IsOptional()
  @IsNumber()
  averageTalkSeconds: number | null;

  @IsInt() @Min(0) calls: number;

  /** Credits charged for this campaign's calls so far (billing.credits.settled.v1). */
  @IsNumber()
  costSoFar: number;
}

/** rpc.campaign.campaign.contacts — per-contact states, keyset pages by contact id. */
export class CampaignContactsRequest extends CampaignRequest {
  @IsOptional()
  @IsIn(CAMPAIGN_CONTACT_STATES)
  state?: CampaignContactState;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

export class CampaignContactProgressV1 {
  @IsEntityId() contactId: string;
  @IsE164() phone: string;
  @IsIn(CAMPAIGN_CONTACT_STATES) state: CampaignContactState;
  @IsInt() @Min(0) attempts: number;
  @IsOptional() @IsEntityId() lastCallId: string | null;
  @IsOptional() @IsString() lastEndReason: string | null;
  @IsTimestamp() updatedAt: string;
}

export class CampaignContactPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CampaignContactProgressV1)
  items: CampaignContactProgressV1[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/** One reason nothing (or less) is dialled, machine-readable, with its sentence. */
export class CampaignDiagnosticReasonV1 {
  @IsText(60)
  code: string;

  @IsText(500)
  message: string;

  @IsOptional()
  @IsInt()
  contacts?: number;
}

/** rpc.campaign.campaign.diagnostics reply (D5). */
export class CampaignDiagnosticsReply {
  @IsEntityId()
  campaignId: string;

  @IsIn(CAMPAIGN_STATES)
  state: CampaignState;

  /** Whether the dialer answered; when false its side (slots, rate cap) is missing from the reasons. */
  @IsBoolean()
  dialerAnswered: boolean;

  /** Plain sentences a support person can read out, most important first. */
  @IsArray()
  @IsString({ each: true })
  sentences: string[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CampaignDiagnosticReasonV1)
  reasons: CampaignDiagnosticReasonV1[];
}
