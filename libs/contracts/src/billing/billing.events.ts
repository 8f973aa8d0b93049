import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsCredits, IsEntityId, IsIntBetween, IsSeconds, IsText, IsTimestamp } from '../validation/decorators';
import {
  PAYMENT_PROVIDERS,
  RESERVATION_RELEASE_REASONS,
  type PaymentProvider,
  type ReservationReleaseReason,
} from '../vocabulary';

/** Amounts are credits with up to 4 decimals; balances never go below zero (H1, invariant 4). */
class ReservationRefV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  reservationId: string;

  @IsEntityId()
  callId: string;
}

/** billing.credits.reserved.v1 — credit held for a call at dispatch (idempotent on callId + attempt). */
export class CreditsReservedV1 extends ReservationRefV1 {
  @IsIntBetween(1, 100)
  attempt: number;

  @IsCredits()
  amount: number;

  /** Balance minus all open reservations, after this one. */
  @IsCredits()
  availableAfter: number;

  @IsTimestamp()
  expiresAt: string;
}

/** billing.credits.settled.v1 — exactly one per ended call (H2, H6). */
export class CreditsSettledV1 extends ReservationRefV1 {
  @IsEntityId()
  ledgerEntryId: string;

  @IsCredits()
  reservedAmount: number;

  @IsCredits()
  chargedAmount: number;

  @IsSeconds()
  talkSeconds: number;

  @IsSeconds()
  forwardedSeconds: number;

  @IsCredits()
  balanceAfter: number;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;
}

/** billing.credits.released.v1 — a reservation returned unused. */
export class CreditsReleasedV1 extends ReservationRefV1 {
  @IsCredits()
  amount: number;

  @IsIn(RESERVATION_RELEASE_REASONS)
  reason: ReservationReleaseReason;
}

/** billing.balance.low.v1 — crossed the organization's low-balance threshold (H4). */
export class BalanceLowV1 {
  @IsEntityId()
  organizationId: string;

  @IsCredits()
  balance: number;

  @IsCredits()
  threshold: number;
}

/** billing.balance.exhausted.v1 — below the minimum to start a call; campaigns pause (H3). */
export class BalanceExhaustedV1 {
  @IsEntityId()
  organizationId: string;

  @IsCredits()
  balance: number;

  @IsCredits()
  minCreditsToStart: number;
}

/** billing.topup.completed.v1 */
export class TopupCompletedV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  topupId: string;

  @IsCredits()
  amount: number;

  @IsCredits()
  balanceAfter: number;

  @IsIn(PAYMENT_PROVIDERS)
  paymentProvider: PaymentProvider;

  @IsOptional()
  @IsText(200)
  paymentReference?: string;

  /** True when triggered by auto-recharge. */
  @IsBoolean()
  auto: boolean;
}
