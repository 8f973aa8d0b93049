import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { IsEntityId, IsIntBetween, IsNested, IsText, IsTimestamp } from '../validation/decorators';
import { CALL_STATES, type CallState } from '../vocabulary';

/**
 * rpc.dialer.campaign.diagnostics (D5, issue 10 item 10): why nothing of a campaign is dialled right
 * now, with counts — the data behind GET /v1/campaigns/{id}/diagnostics.
 */
export const CAMPAIGN_DIAGNOSTIC_REASONS = [
  'campaign_paused',
  'campaign_cancelled',
  'campaign_completed',
  'campaign_not_started',
  'empty_queue',
  'outside_window',
  'no_free_slot',
  'calls_per_hour_cap',
  'cps_limit',
  'frequency_capped',
  'insufficient_credits',
  'waiting_for_retry',
] as const;
export type CampaignDiagnosticReason = (typeof CAMPAIGN_DIAGNOSTIC_REASONS)[number];

export class DialerCampaignDiagnosticsRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  campaignId: string;
}

/** Waiting tasks whose contacts share a zone (or zones) in which nobody may be called now. */
export class DiagnosticZoneV1 {
  /** The contact's zone(s), comma-separated when the number spans several. */
  @IsText(300)
  zone: string;

  @IsIntBetween(0, 100_000_000)
  tasks: number;

  /** When calling opens again there; absent when nothing opens within the horizon. */
  @IsOptional()
  @IsTimestamp()
  opensAt?: string;

  /** `opensAt` on that zone's wall clock (`HH:MM` today, else `YYYY-MM-DD HH:MM`). */
  @IsOptional()
  @IsText(40)
  opensAtLocal?: string;
}

/** A call holding one of the organization's slots. */
export class SlotHolderV1 {
  @IsIntBetween(1, 10_000)
  slotNo: number;

  @IsEntityId()
  callId: string;

  @IsOptional()
  @IsIn(CALL_STATES)
  state?: CallState;

  /** Whether the call is this campaign's. */
  @IsBoolean()
  ofThisCampaign: boolean;

  @IsTimestamp()
  since: string;
}

export class CampaignDiagnosticV1 {
  @IsIn(CAMPAIGN_DIAGNOSTIC_REASONS)
  code: CampaignDiagnosticReason;

  /** One line for a person, e.g. "3 of 3 slots busy". */
  @IsText(500)
  message: string;

  /** How many tasks (or calls, for the caps and slots) the reason concerns. */
  @IsOptional()
  @IsIntBetween(0, 100_000_000)
  count?: number;

  /** The limit reached (slots, calls per hour, calls per second). */
  @IsOptional()
  @IsIntBetween(0, 100_000_000)
  limit?: number;

  /** Whose cap: the organization's or the campaign's own. */
  @IsOptional()
  @IsIn(['organization', 'campaign'])
  scope?: 'organization' | 'campaign';

  /** When it changes: the window opens, the hour's oldest call leaves it, the next retry is due. */
  @IsOptional()
  @IsTimestamp()
  until?: string;

  /** Why a paused campaign is paused (manual, insufficient_credits, end_date, …). */
  @IsOptional()
  @IsText(100)
  pauseReason?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DiagnosticZoneV1)
  zones?: DiagnosticZoneV1[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => SlotHolderV1)
  holders?: SlotHolderV1[];
}

/** The campaign's tasks per state. */
export class CampaignTaskTotalsV1 {
  @IsIntBetween(0, 100_000_000)
  pending: number;

  /** Of the pending and retry-scheduled ones, those due now. */
  @IsIntBetween(0, 100_000_000)
  due: number;

  @IsIntBetween(0, 100_000_000)
  dialing: number;

  @IsIntBetween(0, 100_000_000)
  retryScheduled: number;

  @IsIntBetween(0, 100_000_000)
  finished: number;

  @IsIntBetween(0, 100_000_000)
  cancelled: number;
}

export class DialerCampaignDiagnosticsReply {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  campaignId: string;

  @IsIn(['active', 'paused', 'cancelled', 'completed'])
  state: 'active' | 'paused' | 'cancelled' | 'completed';

  /** Whether something of this campaign could be dialled on the next pass (no blocking reason). */
  @IsBoolean()
  dialable: boolean;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CampaignDiagnosticV1)
  reasons: CampaignDiagnosticV1[];

  @IsNested(() => CampaignTaskTotalsV1)
  tasks: CampaignTaskTotalsV1;

  @IsTimestamp()
  at: string;
}
