import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCountryCode, IsCreditAmount, IsCredits, IsE164, IsEntityId, IsIntBetween, IsLocalDate, IsSeconds, IsText, IsTimestamp } from '../validation/decorators';
import { PAYMENT_PROVIDERS, type PaymentProvider } from '../vocabulary';

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

  /** The callee: its country's rate is held when the plan has one (else the highest rate). */
  @IsOptional()
  @IsE164()
  to?: string;
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

/** The ISO 4217 currencies a price plan and a top-up may be in (a credit is one unit of it). */
export const BILLING_CURRENCIES = ['USD', 'EUR', 'GBP', 'TRY'] as const;
export type BillingCurrency = (typeof BILLING_CURRENCIES)[number];

/** Ledger entry kinds (issue 12 item 1). */
export const LEDGER_ENTRY_KINDS = ['top_up', 'reservation', 'post', 'void', 'expiry', 'refund', 'adjustment', 'auto_recharge'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** Billing increments a price plan may use (seconds). */
export const BILLING_INCREMENTS = [1, 6, 60] as const;

/** The largest single top-up or credit grant, in credits: anything above is a typo, not a payment. */
export const MAX_TOPUP_CREDITS = 1_000_000;

/** rpc.billing.ledger.list — newest first; optional kind and time filters. */
export class LedgerListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIntBetween(1, 100)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;

  @IsOptional()
  @IsIn(LEDGER_ENTRY_KINDS)
  kind?: LedgerEntryKind;

  @IsOptional()
  @IsEntityId()
  callId?: string;

  @IsOptional()
  @IsTimestamp()
  from?: string;

  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export class LedgerEntryReply {
  @IsEntityId()
  id: string;

  @IsIn(LEDGER_ENTRY_KINDS)
  kind: LedgerEntryKind;

  /** The entry's amount in credits (always ≥ 0; the kind says which way it moved). */
  @IsCredits()
  amount: number;

  /** Signed change of the balance (posted credits − posted debits). */
  @IsCreditAmount()
  balanceDelta: number;

  /** Signed change of the reserved (pending) credits. */
  @IsCreditAmount()
  reservedDelta: number;

  @IsOptional()
  @IsEntityId()
  reservationId?: string;

  @IsOptional()
  @IsEntityId()
  callId?: string;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  /** Why: the end reason, `late` settlement, the payment reference, the admin's note. */
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;

  @IsTimestamp()
  createdAt: string;
}

export class LedgerPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LedgerEntryReply)
  items: LedgerEntryReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/** rpc.billing.topup.create — a payment through the provider; credited when it succeeds. */
export class TopupCreateRequest {
  @IsEntityId()
  organizationId: string;

  /** Credits; zero, negative, over MAX_TOPUP_CREDITS or finer than a cent is INVALID_TOPUP_AMOUNT. */
  @IsCreditAmount()
  amount: number;

  @IsText(3)
  currency: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

export const TOPUP_STATES = ['pending', 'succeeded', 'failed'] as const;
export type TopupState = (typeof TOPUP_STATES)[number];

export class TopupReply {
  @IsEntityId()
  topupId: string;

  @IsIn(TOPUP_STATES)
  state: TopupState;

  @IsCredits()
  amount: number;

  @IsText(3)
  currency: string;

  @IsIn(PAYMENT_PROVIDERS)
  paymentProvider: PaymentProvider;

  @IsOptional()
  @IsText(200)
  paymentReference?: string;

  /** Stripe's PaymentIntent client secret, for the organization's checkout page to confirm it. */
  @IsOptional()
  @IsText(500)
  clientSecret?: string;
}

/** rpc.billing.credits.grant — the platform admin credits an organization by hand (manual adapter). */
export class CreditsGrantRequest {
  @IsEntityId()
  organizationId: string;

  /** Credits; zero, negative, over MAX_TOPUP_CREDITS or finer than a cent is INVALID_TOPUP_AMOUNT. */
  @IsCreditAmount()
  amount: number;

  @IsText(500)
  note: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.billing.settings.update — auto-recharge and the low-balance warning (H4). */
export class BillingSettingsRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsCredits()
  lowBalanceThreshold?: number;

  @IsOptional()
  @IsBoolean()
  autoRechargeEnabled?: boolean;

  @IsOptional()
  @IsCredits()
  autoRechargeThreshold?: number;

  @IsOptional()
  @IsCredits()
  autoRechargeAmount?: number;

  /** The Stripe customer and saved payment method auto-recharge charges off-session. */
  @IsOptional()
  @IsText(200)
  stripeCustomerId?: string;

  @IsOptional()
  @IsText(200)
  stripePaymentMethodId?: string;
}

export class BillingSettingsReply {
  @IsEntityId()
  organizationId: string;

  @IsCredits()
  lowBalanceThreshold: number;

  @IsBoolean()
  autoRechargeEnabled: boolean;

  @IsCredits()
  autoRechargeThreshold: number;

  @IsCredits()
  autoRechargeAmount: number;

  @IsBoolean()
  paymentMethodSaved: boolean;
}

export class CountryRateReply {
  @IsCountryCode()
  country: string;

  @IsCredits()
  ratePerMinute: number;
}

/** rpc.billing.price_plan.get reply (H2). */
export class PricePlanReply {
  @IsEntityId()
  organizationId: string;

  @IsIn(BILLING_CURRENCIES)
  currency: BillingCurrency;

  @IsCredits()
  ratePerMinute: number;

  @IsIn(BILLING_INCREMENTS)
  incrementSeconds: number;

  @IsIntBetween(0, 3600)
  firstIncrementSeconds: number;

  @IsCredits()
  unconnectedAttemptCharge: number;

  @IsCredits()
  forwardingRatePerMinute: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CountryRateReply)
  countryRates: CountryRateReply[];
}

/** rpc.billing.cost_report.get (H5): per day and campaign, over [from, to). */
export class CostReportRequest {
  @IsEntityId()
  organizationId: string;

  @IsTimestamp()
  from: string;

  @IsTimestamp()
  to: string;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;
}

export class CostReportRowReply {
  @IsLocalDate()
  day: string;

  @IsOptional()
  @IsEntityId()
  campaignId?: string | null;

  @IsSeconds()
  calls: number;

  @IsNumber({ maxDecimalPlaces: 2 })
  minutes: number;

  @IsCredits()
  cost: number;

  @IsNumber({ maxDecimalPlaces: 1 })
  averageDurationSeconds: number;

  /** Share of calls that did not connect, 0–1. */
  @IsNumber({ maxDecimalPlaces: 4 })
  failureRate: number;

  /** Share of connected calls that were forwarded, 0–1. */
  @IsNumber({ maxDecimalPlaces: 4 })
  forwardingRate: number;

  @IsCredits()
  costPerCall: number;

  /** LONG_AVERAGE (> 3 min), HIGH_FAILURE (> 30 %), HIGH_FORWARDING (> 10 %). */
  @IsArray()
  @IsIn(['LONG_AVERAGE', 'HIGH_FAILURE', 'HIGH_FORWARDING'], { each: true })
  flags: string[];
}

export class CostReportReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CostReportRowReply)
  rows: CostReportRowReply[];
}

/** rpc.billing.stripe.webhook — the gateway forwards Stripe's raw body and signature unchanged. */
export class StripeWebhookRequest {
  @IsText(256_000)
  payload: string;

  @IsText(2000)
  signature: string;
}

export class StripeWebhookReply {
  @IsBoolean()
  applied: boolean;
}
