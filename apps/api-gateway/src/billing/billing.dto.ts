import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BILLING_CURRENCIES, IsCreditAmount, IsEntityId, IsTimestamp, LEDGER_ENTRY_KINDS, MAX_TOPUP_CREDITS, TOPUP_STATES, type LedgerEntryKind } from '@santral/contracts';
import { PageQueryDto } from '../common/common.dto';

/** Credits on the wire: a number with at most 4 decimals (billing keeps integer ten-thousandths). */
const credits = (description: string, example: number) => ({ type: 'number' as const, minimum: 0, description, example });

export class BalanceDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty(credits('Posted credits minus posted debits', 120.5)) balance: number;
  @ApiProperty(credits('Held by calls in flight (pending reservations)', 15)) reserved: number;
  @ApiProperty(credits('balance − reserved: what a new call may use', 105.5)) available: number;
  @ApiProperty(credits('The least available balance a call needs to start (H1)', 10)) minCreditsToStart: number;
  @ApiPropertyOptional(credits('The low-balance warning line, when set', 50)) lowBalanceThreshold?: number;
}

export class LedgerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LEDGER_ENTRY_KINDS })
  @IsOptional()
  @IsIn(LEDGER_ENTRY_KINDS)
  kind?: LedgerEntryKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries of one call' })
  @IsOptional()
  @IsEntityId()
  callId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this instant' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this instant' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LEDGER_ENTRY_KINDS }) kind: string;
  @ApiProperty(credits('The entry amount (the kind says which way it moved)', 1.5)) amount: number;
  @ApiProperty({ type: 'number', description: 'Signed change of the balance', example: -1.5 }) balanceDelta: number;
  @ApiProperty({ type: 'number', description: 'Signed change of the reserved credits', example: -15 }) reservedDelta: number;
  @ApiPropertyOptional({ format: 'uuid' }) reservationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) callId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) campaignId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Why: end reason, cost, late or unreserved settlement, shortfall, payment' })
  details?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items: LedgerEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CreateTopupDto {
  @ApiProperty({ type: 'number', minimum: 0.01, maximum: MAX_TOPUP_CREDITS, description: 'Credits to buy (a credit is one unit of the plan currency; at most 2 decimals)', example: 100 })
  @IsCreditAmount()
  amount: number;

  @ApiProperty({ enum: BILLING_CURRENCIES, description: "The price plan's currency", example: 'USD' })
  @IsString()
  @Length(3, 3)
  currency: string;
}

export class TopupDto {
  @ApiProperty({ format: 'uuid' }) topupId: string;
  @ApiProperty({ enum: TOPUP_STATES, description: 'pending until the payment succeeds; credits are added only then' }) state: string;
  @ApiProperty(credits('Credits', 100)) amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: ['stripe', 'manual'] }) paymentProvider: string;
  @ApiPropertyOptional({ description: 'The provider reference (Stripe PaymentIntent id)' }) paymentReference?: string;
  @ApiPropertyOptional({ description: "Stripe PaymentIntent client secret for the organization's checkout" }) clientSecret?: string;
}

export class GrantCreditsDto {
  @ApiProperty({ type: 'number', minimum: 0.01, maximum: MAX_TOPUP_CREDITS, example: 250 })
  @IsCreditAmount()
  amount: number;

  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Bank transfer 2026-12-01' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note: string;
}

export class BillingSettingsDto {
  @ApiPropertyOptional({ type: 'number', minimum: 0, maximum: MAX_TOPUP_CREDITS, description: 'Warn (billing.balance.low.v1) once each time the balance falls below this; 0 turns it off' })
  @IsOptional()
  @IsCreditAmount()
  @Min(0)
  @Max(MAX_TOPUP_CREDITS)
  lowBalanceThreshold?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() autoRechargeEnabled?: boolean;

  @ApiPropertyOptional({ type: 'number', minimum: 0, maximum: MAX_TOPUP_CREDITS, description: 'Recharge once each time the balance falls below this' })
  @IsOptional()
  @IsCreditAmount()
  @Min(0)
  @Max(MAX_TOPUP_CREDITS)
  autoRechargeThreshold?: number;

  @ApiPropertyOptional({ type: 'number', minimum: 0, maximum: MAX_TOPUP_CREDITS, description: 'Credits each auto-recharge buys (2 decimals at most)' })
  @IsOptional()
  @IsCreditAmount()
  @Min(0)
  @Max(MAX_TOPUP_CREDITS)
  autoRechargeAmount?: number;

  @ApiPropertyOptional({ maxLength: 200, example: 'cus_123' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) stripeCustomerId?: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'pm_123' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) stripePaymentMethodId?: string;
}

export class BillingSettingsViewDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty(credits('', 50)) lowBalanceThreshold: number;
  @ApiProperty() autoRechargeEnabled: boolean;
  @ApiProperty(credits('', 20)) autoRechargeThreshold: number;
  @ApiProperty(credits('', 100)) autoRechargeAmount: number;
  @ApiProperty() paymentMethodSaved: boolean;
}

export class CountryRateDto {
  @ApiProperty({ example: 'TR' }) country: string;
  @ApiProperty(credits('Per minute', 0.05)) ratePerMinute: number;
}

export class PricePlanDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: BILLING_CURRENCIES }) currency: string;
  @ApiProperty(credits('Talk per minute', 0.1)) ratePerMinute: number;
  @ApiProperty({ enum: [1, 6, 60], description: 'Talk is rounded up to whole increments (seconds)' }) incrementSeconds: number;
  @ApiProperty({ type: 'integer', description: 'The least talk a connected call is charged for (seconds)' }) firstIncrementSeconds: number;
  @ApiProperty(credits('Charged for a billable attempt that never connected', 0)) unconnectedAttemptCharge: number;
  @ApiProperty(credits('Per forwarded minute, on top of talk', 0.05)) forwardingRatePerMinute: number;
  @ApiProperty({ type: [CountryRateDto] }) countryRates: CountryRateDto[];
}

export class CostReportQueryDto {
  @ApiProperty({ format: 'date-time', description: 'Start (inclusive)' })
  @IsTimestamp()
  from: string;

  @ApiProperty({ format: 'date-time', description: 'End (exclusive); at most 93 days after from' })
  @IsTimestamp()
  to: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsEntityId()
  campaignId?: string;
}

export class CostReportRowDto {
  @ApiProperty({ example: '2026-12-01', description: 'UTC day' }) day: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId: string | null;
  @ApiProperty({ type: 'integer' }) calls: number;
  @ApiProperty({ type: 'number' }) minutes: number;
  @ApiProperty(credits('', 12.5)) cost: number;
  @ApiProperty({ type: 'number', description: 'Average talk of connected calls' }) averageDurationSeconds: number;
  @ApiProperty({ type: 'number', description: 'Share of calls that did not connect (0–1)' }) failureRate: number;
  @ApiProperty({ type: 'number', description: 'Share of connected calls that were forwarded (0–1)' }) forwardingRate: number;
  @ApiProperty(credits('', 0.25)) costPerCall: number;
  @ApiProperty({ type: [String], enum: ['LONG_AVERAGE', 'HIGH_FAILURE', 'HIGH_FORWARDING'], description: 'average > 3 min, failure > 30 %, forwarding > 10 %' })
  flags: string[];
}

export class CostReportDto {
  @ApiProperty({ type: [CostReportRowDto] }) rows: CostReportRowDto[];
}
