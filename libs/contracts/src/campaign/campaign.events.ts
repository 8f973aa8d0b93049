import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  IsClockTime,
  IsE164,
  IsEntityId,
  IsIntBetween,
  IsLocalDate,
  IsText,
  IsTimestamp,
  IsTimeZoneName,
  IsNested,
  IsStringMap,
} from '../validation/decorators';
import {
  CAMPAIGN_COMPLETION_REASONS,
  CAMPAIGN_PAUSE_REASONS,
  RETRY_DISPOSITIONS,
  TIME_ZONE_SOURCES,
  WEEKDAYS,
  type CampaignCompletionReason,
  type CampaignPauseReason,
  type RetryDisposition,
  type TimeZoneSource,
  type Weekday,
} from '../vocabulary';

/** Daily calling hours in the callee's time zone (D1), e.g. 09:00–12:00. */
export class CallingWindowV1 {
  @IsClockTime()
  start: string;

  @IsClockTime()
  end: string;

  /** The weekdays it applies on; absent → every day. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsIn(WEEKDAYS, { each: true })
  days?: Weekday[];
}

/** One row of the retry matrix: per disposition a delay and a cap. */
export class RetryRuleV1 {
  @IsIn(RETRY_DISPOSITIONS)
  disposition: RetryDisposition;

  @IsIntBetween(1, 60 * 24 * 30)
  delayMinutes: number;

  @IsIntBetween(0, 10)
  maxAttempts: number;
}

/** At most `maxCalls` calls per number per `perDays` days. */
export class FrequencyCapV1 {
  @IsIntBetween(1, 100)
  maxCalls: number;

  @IsIntBetween(1, 365)
  perDays: number;
}

export class RetryPolicyV1 {
  /** Global per-contact cap on attempts, first call included. */
  @IsIntBetween(1, 10)
  maxAttemptsPerContact: number;

  @IsArray()
  @ArrayMaxSize(RETRY_DISPOSITIONS.length)
  @ValidateNested({ each: true })
  @Type(() => RetryRuleV1)
  rules: RetryRuleV1[];

  @IsOptional()
  @IsNested(() => FrequencyCapV1)
  frequencyCap?: FrequencyCapV1;
}

/** Everything the dialer needs to dial a campaign; sent whole on start and on every edit. */
export class CampaignDialPlanV1 {
  @IsEntityId()
  agentId: string;

  /** Caller number (hotline); the dialer picks one when absent. */
  @IsOptional()
  @IsE164()
  fromNumber?: string;

  @IsOptional()
  @IsEntityId()
  providerAccountId?: string;

  @IsTimestamp()
  startsAt: string;

  @IsTimestamp()
  endsAt: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CallingWindowV1)
  callingWindows: CallingWindowV1[];

  @IsNested(() => RetryPolicyV1)
  retryPolicy: RetryPolicyV1;

  @IsOptional()
  @IsIntBetween(1, 1_000_000)
  callsPerHour?: number;

  /**
   * The provider account's calls-per-second limit (the telephony-gateway does not publish it yet):
   * the campaign service copies it from the account; absent → the dialer's PROVIDER_CPS_DEFAULT.
   */
  @IsOptional()
  @IsIntBetween(1, 1000)
  callsPerSecond?: number;

  @IsIntBetween(5, 300)
  ringTimeoutSeconds: number;

  /** Local dates (`YYYY-MM-DD`, holidays) on which nobody is called, in the contact's zone. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @IsLocalDate({ each: true })
  restrictedDates?: string[];

  /** A call still up after this long is ended and hung up (E8); absent → the dialer's default. */
  @IsOptional()
  @IsIntBetween(10, 86_400)
  maxCallSeconds?: number;

  /** Start small (D6): dial only the first N contacts. */
  @IsOptional()
  @IsIntBetween(1, 10_000_000)
  sampleSize?: number;
}

class CampaignRefV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  campaignId: string;
}

/** campaign.campaign.started.v1 — first start, or start again after a pause (D2). */
export class CampaignStartedV1 extends CampaignRefV1 {
  @IsText(200)
  name: string;

  @IsNested(() => CampaignDialPlanV1)
  dialPlan: CampaignDialPlanV1;

  @IsIntBetween(0, 100_000_000)
  totalContacts: number;
}

/** campaign.campaign.updated.v1 — schedule, windows or caps edited, possibly while active. */
export class CampaignUpdatedV1 extends CampaignRefV1 {
  @IsText(200)
  name: string;

  @IsNested(() => CampaignDialPlanV1)
  dialPlan: CampaignDialPlanV1;
}

/** campaign.campaign.paused.v1 */
export class CampaignPausedV1 extends CampaignRefV1 {
  @IsIn(CAMPAIGN_PAUSE_REASONS)
  reason: CampaignPauseReason;

  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** campaign.campaign.resumed.v1 */
export class CampaignResumedV1 extends CampaignRefV1 {
  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** A finished campaign's contacts by outcome. */
export class CampaignCountsV1 {
  @IsIntBetween(0, 100_000_000)
  contacts: number;

  @IsIntBetween(0, 100_000_000)
  succeeded: number;

  /** Failed, the `blocked` ones included (v1 counted them together; `blocked` says how many). */
  @IsIntBetween(0, 100_000_000)
  failed: number;

  @IsIntBetween(0, 100_000_000)
  exhausted: number;

  /** Of `failed`: never dialled, stopped by a pre-dial check (DNC, invalid number, …). Absent from events of older versions. */
  @IsOptional()
  @IsIntBetween(0, 100_000_000)
  blocked?: number;

  /** Ended by the campaign's cancellation before they were final. Absent from events of older versions. */
  @IsOptional()
  @IsIntBetween(0, 100_000_000)
  cancelled?: number;
}

/** campaign.campaign.completed.v1 */
export class CampaignCompletedV1 extends CampaignRefV1 {
  @IsIn(CAMPAIGN_COMPLETION_REASONS)
  reason: CampaignCompletionReason;

  @IsNested(() => CampaignCountsV1)
  counts: CampaignCountsV1;
}

/** campaign.campaign.cancelled.v1 */
export class CampaignCancelledV1 extends CampaignRefV1 {
  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

export class RequestedContactV1 {
  @IsEntityId()
  contactId: string;

  @IsE164()
  to: string;

  @IsOptional()
  @IsTimeZoneName()
  timeZone?: string;

  @IsIn(TIME_ZONE_SOURCES)
  timeZoneSource: TimeZoneSource;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** The contact's own columns for the agent's prompt (`{{variables}}`), passed on with the originate. */
  @IsOptional()
  @IsStringMap(50, 2000)
  variables?: Record<string, string>;

  /** Higher first; default 0. */
  @IsOptional()
  @IsIntBetween(0, 9)
  priority?: number;
}

/** Most contacts in one campaign.call.requested.v1 (keeps a message well under 1 MB). */
export const MAX_CONTACTS_PER_CALL_REQUEST = 500;

/**
 * campaign.call.requested.v1 — a batch of contacts to dial; the dialer stores one call
 * task per contact, idempotent on (campaignId, contactId).
 */
export class CallRequestedV1 extends CampaignRefV1 {
  @IsEntityId()
  batchId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTACTS_PER_CALL_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => RequestedContactV1)
  contacts: RequestedContactV1[];
}
