import { IsOptional } from 'class-validator';
import { IsCredits, IsEntityId, IsIntBetween, IsTimestamp } from '../validation/decorators';

/** Request and reply bodies of rpc.billing.* (rpc.billing.balance.get asks with OrganizationQuery). */

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
