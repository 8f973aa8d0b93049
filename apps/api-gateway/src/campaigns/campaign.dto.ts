import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import {
  CAMPAIGN_COMPLETION_REASONS,
  CAMPAIGN_CONTACT_STATES,
  CAMPAIGN_LIMITS as L,
  CAMPAIGN_PAUSE_REASONS,
  CAMPAIGN_STATES,
  CLOCK_TIME_PATTERN,
  IsClockTime,
  IsE164,
  IsEntityId,
  IsIntBetween,
  IsLocalDate,
  IsNested,
  IsTimeZoneName,
  IsTimestamp,
  IsText,
  LOCAL_DATE_PATTERN,
  RETRY_DISPOSITIONS,
  WEEKDAYS,
  type CampaignContactState,
  type RetryDisposition,
  type Weekday,
} from '@santral/contracts';
import { PageQueryDto } from '../common/common.dto';

export class CallingWindowDto {
  @ApiProperty({ pattern: CLOCK_TIME_PATTERN.source, example: '09:00', description: `Local time of the callee; not before ${L.earliest}` })
  @IsClockTime()
  start: string;

  @ApiProperty({ pattern: CLOCK_TIME_PATTERN.source, example: '12:00', description: `After start; not after ${L.latest}` })
  @IsClockTime()
  end: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', enum: [...WEEKDAYS] }, maxItems: 7, description: 'Absent: every day' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsIn(WEEKDAYS, { each: true })
  days?: Weekday[];
}

export class RetryRuleDto {
  @ApiProperty({ enum: RETRY_DISPOSITIONS })
  @IsIn(RETRY_DISPOSITIONS)
  disposition: RetryDisposition;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 43_200, example: 240 })
  @IsIntBetween(1, 60 * 24 * 30)
  delayMinutes: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10, description: 'Retries of this disposition; below maxAttemptsPerContact' })
  @IsIntBetween(0, 10)
  maxAttempts: number;
}

export class FrequencyCapDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 })
  @IsIntBetween(1, 100)
  maxCalls: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 365 })
  @IsIntBetween(1, 365)
  perDays: number;
}

export class RetryPolicyDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10, example: 3, description: 'Attempts per contact, the first call included' })
  @IsIntBetween(1, 10)
  maxAttemptsPerContact: number;

  @ApiProperty({ type: [RetryRuleDto], maxItems: RETRY_DISPOSITIONS.length })
  @IsArray()
  @ArrayMaxSize(RETRY_DISPOSITIONS.length)
  @ValidateNested({ each: true })
  @Type(() => RetryRuleDto)
  rules: RetryRuleDto[];

  @ApiPropertyOptional({ type: FrequencyCapDto, description: 'At most maxCalls calls per number per perDays days' })
  @IsOptional()
  @IsNested(() => FrequencyCapDto)
  frequencyCap?: FrequencyCapDto;
}

/** The settings of D1, all optional (PATCH); POST requires name, agentId, callListId, startsAt, endsAt. */
export class CampaignFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.nameLength, example: 'Kasım randevu hatırlatma' })
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+902125551212', description: 'Caller number; the dialer picks one when absent' })
  @IsOptional()
  @IsE164()
  fromNumber?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsEntityId()
  providerAccountId?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsTimestamp()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'After startsAt; past it the campaign completes (end_date_reached)' })
  @IsOptional()
  @IsTimestamp()
  endsAt?: string;

  @ApiPropertyOptional({ type: [CallingWindowDto], minItems: 1, maxItems: L.windows, description: 'Default 09:00–12:00 and 14:00–17:00 in each callee\'s zone' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.windows)
  @ValidateNested({ each: true })
  @Type(() => CallingWindowDto)
  callingWindows?: CallingWindowDto[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Europe/Istanbul', description: 'For contacts whose zone is neither given nor known from their number' })
  @IsOptional()
  @IsTimeZoneName()
  defaultTimeZone?: string | null;

  @ApiPropertyOptional({ type: RetryPolicyDto })
  @IsOptional()
  @IsNested(() => RetryPolicyDto)
  retryPolicy?: RetryPolicyDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000, nullable: true })
  @IsOptional()
  @IsIntBetween(1, 1_000_000)
  callsPerHour?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: L.ringTimeout.min, maximum: L.ringTimeout.max, default: L.ringTimeout.default })
  @IsOptional()
  @IsIntBetween(L.ringTimeout.min, L.ringTimeout.max)
  ringTimeoutSeconds?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 10, maximum: 86_400, nullable: true })
  @IsOptional()
  @IsIntBetween(10, 86_400)
  maxCallSeconds?: number | null;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', pattern: LOCAL_DATE_PATTERN.source }, maxItems: 366, description: 'Local dates nobody is called on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @IsLocalDate({ each: true })
  restrictedDates?: string[];
}

export class CreateCampaignDto extends CampaignFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: L.nameLength })
  @IsText(L.nameLength)
  declare name: string;

  @ApiProperty({ format: 'uuid' })
  @IsEntityId()
  agentId: string;

  @ApiProperty({ format: 'uuid' })
  @IsEntityId()
  callListId: string;

  @ApiProperty({ format: 'date-time' })
  @IsTimestamp()
  declare startsAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsTimestamp()
  declare endsAt: string;
}

export class UpdateCampaignDto extends CampaignFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only before the first start' })
  @IsOptional()
  @IsEntityId()
  agentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only before the first start' })
  @IsOptional()
  @IsEntityId()
  callListId?: string;
}

export class StartCampaignDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10_000_000, description: 'Start small (D6): request only the next N contacts; start again without it for the rest' })
  @IsOptional()
  @IsIntBetween(1, 10_000_000)
  sampleSize?: number;
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) agentId: string;
  @ApiProperty({ format: 'uuid' }) callListId: string;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: string;
  @ApiProperty({ type: String, enum: CAMPAIGN_PAUSE_REASONS, nullable: true }) pauseReason: string | null;
  @ApiProperty({ type: String, enum: CAMPAIGN_COMPLETION_REASONS, nullable: true }) completionReason: string | null;
  @ApiProperty({ type: String, nullable: true }) fromNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) providerAccountId: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: [CallingWindowDto] }) callingWindows: CallingWindowDto[];
  @ApiProperty({ type: String, nullable: true }) defaultTimeZone: string | null;
  @ApiProperty({ type: RetryPolicyDto }) retryPolicy: RetryPolicyDto;
  @ApiProperty({ type: 'integer', nullable: true }) callsPerHour: number | null;
  @ApiProperty({ type: 'integer' }) ringTimeoutSeconds: number;
  @ApiProperty({ type: 'integer', nullable: true }) maxCallSeconds: number | null;
  @ApiProperty({ type: [String] }) restrictedDates: string[];
  @ApiProperty({ type: 'integer', nullable: true }) sampleSize: number | null;
  @ApiProperty({ type: 'integer', description: 'Contacts handed to the dialer so far' }) requestedContacts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CampaignActionDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: string;
}

export class CampaignTotalsDto {
  @ApiProperty({ type: 'integer' }) pending: number;
  @ApiProperty({ type: 'integer' }) inProgress: number;
  @ApiProperty({ type: 'integer' }) retryScheduled: number;
  @ApiProperty({ type: 'integer' }) succeeded: number;
  @ApiProperty({ type: 'integer' }) failed: number;
  @ApiProperty({ type: 'integer' }) exhausted: number;
  @ApiProperty({ type: 'integer' }) blocked: number;
  @ApiProperty({ type: 'integer' }) cancelled: number;
}

export class CampaignProgressDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: string;
  @ApiProperty({ type: 'integer' }) listContacts: number;
  @ApiProperty({ type: 'integer' }) requested: number;
  @ApiProperty({ type: CampaignTotalsDto }) totals: CampaignTotalsDto;
  @ApiProperty({ type: Number, nullable: true, description: 'succeeded ÷ final contacts' }) successRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean talk seconds of answered calls' }) averageTalkSeconds: number | null;
  @ApiProperty({ type: 'integer' }) calls: number;
  @ApiProperty({ description: 'Credits charged so far' }) costSoFar: number;
}

export class CampaignContactsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_CONTACT_STATES })
  @IsOptional()
  @IsIn(CAMPAIGN_CONTACT_STATES)
  state?: CampaignContactState;
}

export class CampaignContactDto {
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty() phone: string;
  @ApiProperty({ enum: CAMPAIGN_CONTACT_STATES }) state: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastCallId: string | null;
  @ApiProperty({ type: String, nullable: true }) lastEndReason: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CampaignContactPageDto {
  @ApiProperty({ type: [CampaignContactDto] }) items: CampaignContactDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CampaignDiagnosticReasonDto {
  @ApiProperty({ example: 'outside_calling_hours' }) code: string;
  @ApiProperty({ example: 'outside calling hours for 812 contacts (Europe/Istanbul) until 14:00' }) message: string;
  @ApiPropertyOptional({ type: 'integer' }) contacts?: number;
}

export class CampaignDiagnosticsDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ enum: CAMPAIGN_STATES }) state: string;
  @ApiProperty({ description: "Whether the dialer answered; when false its side (slots, rate cap) is missing" }) dialerAnswered: boolean;
  @ApiProperty({ type: [String], description: 'Plain sentences a support person can read out' }) sentences: string[];
  @ApiProperty({ type: [CampaignDiagnosticReasonDto] }) reasons: CampaignDiagnosticReasonDto[];
}
