import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CustomerCardV1 } from '../events/ticketing.events';
import {
  IsCredits,
  IsE164,
  IsEntityId,
  IsIntBetween,
  IsText,
  IsTimestamp,
  IsNested,
} from '../validation/decorators';
import { CALL_STATES, CAMPAIGN_STATES, SERVICE_NAMES, type CallState, type CampaignState, type ServiceName } from '../vocabulary';

/**
 * Request and reply bodies of the core NATS request/reply subjects (`Rpc`). A failed call
 * replies with a DomainError wire object instead (see DomainError.toWire).
 */

/** rpc.<context>.health.ping */
export class HealthPingRequest {
  /** Who is asking (for logs). */
  @IsOptional()
  @IsText(100)
  from?: string;
}

export class HealthPingReply {
  @IsIn(SERVICE_NAMES)
  service: ServiceName;

  @IsOptional()
  @IsIn(['ok', 'degraded'])
  status?: 'ok' | 'degraded';

  @IsTimestamp()
  time: string;
}

/** A query about one organization (balance, dialer settings). */
export class OrganizationQuery {
  @IsEntityId()
  organizationId: string;
}

/** rpc.billing.balance.get reply. */
export class BalanceReply {
  @IsEntityId()
  organizationId: string;

  @IsCredits()
  balance: number;

  /** Held by open reservations (calls in flight). */
  @IsCredits()
  reserved: number;

  /** balance − reserved: what a new call may use. */
  @IsCredits()
  available: number;

  @IsCredits()
  minCreditsToStart: number;

  @IsOptional()
  @IsCredits()
  lowBalanceThreshold?: number;
}

/** rpc.billing.credits.reserve — idempotent on (callId, attempt); fails with INSUFFICIENT_CREDITS. */
export class ReserveCreditsRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsIntBetween(1, 100)
  attempt: number;

  /** Talk time to hold credit for (e.g. the call's max duration). */
  @IsIntBetween(1, 86_400)
  estimatedSeconds: number;
}

export class ReserveCreditsReply {
  @IsEntityId()
  reservationId: string;

  @IsCredits()
  amount: number;

  @IsCredits()
  availableAfter: number;

  @IsTimestamp()
  expiresAt: string;
}

/** rpc.dialer.settings.get reply: the dialer's view of the organization's capacity. */
export class DialerSettingsReply {
  @IsEntityId()
  organizationId: string;

  @IsIntBetween(0, 10_000)
  concurrentSlots: number;

  @IsIntBetween(0, 10_000)
  reservedInboundSlots: number;

  @IsIntBetween(0, 1_000_000)
  callsPerHour: number;

  @IsIntBetween(0, 10_000)
  activeCalls: number;
}

/** rpc.campaign.campaign.pause | resume | cancel */
export class CampaignActionRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  campaignId: string;

  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** rpc.campaign.campaign.start — runs the D3 checks; `sampleSize` starts small (D6). */
export class CampaignStartRequest extends CampaignActionRequest {
  @IsOptional()
  @IsIntBetween(1, 10_000_000)
  sampleSize?: number;
}

export class CampaignActionReply {
  @IsEntityId()
  campaignId: string;

  @IsIn(CAMPAIGN_STATES)
  state: CampaignState;
}

/**
 * rpc.dialer.call.create — a single call, a test call or click-to-call (E6). Numbers are
 * raw input: the dialer normalizes them within the E4 check order.
 */
export class CreateCallRequest {
  @IsEntityId()
  organizationId: string;

  @IsIn(['single', 'click_to_call', 'test'])
  kind: 'single' | 'click_to_call' | 'test';

  @IsText(64)
  to: string;

  @IsOptional()
  @IsText(64)
  from?: string;

  @IsOptional()
  @IsEntityId()
  agentId?: string;

  /** The operator whose phone rings first (click-to-call). */
  @IsOptional()
  @IsEntityId()
  operatorUserId?: string;

  @IsOptional()
  @IsEntityId()
  customerId?: string;

  @IsOptional()
  @IsEntityId()
  ticketId?: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

export class CallAcceptedReply {
  @IsEntityId()
  callId: string;

  @IsIn(CALL_STATES)
  state: CallState;
}

/** rpc.dialer.call.hangup */
export class CallControlRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** rpc.dialer.call.transfer — raw target, validated by the dialer (INVALID_TRANSFER_TARGET). */
export class CallTransferRequest extends CallControlRequest {
  @IsText(300)
  target: string;
}

/** rpc.ticketing.customer.lookup — the screen-pop lookup by a raw phone number (B2). */
export class CustomerLookupRequest {
  @IsEntityId()
  organizationId: string;

  @IsText(64)
  phone: string;
}

export class CustomerLookupReply {
  @IsBoolean()
  matched: boolean;

  /** The normalized number, when the input could be normalized. */
  @IsOptional()
  @IsE164()
  phone?: string;

  @IsOptional()
  @IsNested(() => CustomerCardV1)
  customer?: CustomerCardV1;
}
