import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import { asOrgId, DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { PLATFORM_ADMIN, Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import {
  BalanceDto,
  BillingSettingsDto,
  BillingSettingsViewDto,
  CostReportDto,
  CostReportQueryDto,
  CreateTopupDto,
  GrantCreditsDto,
  LedgerPageDto,
  LedgerQueryDto,
  PricePlanDto,
  TopupDto,
} from './billing.dto';
import type { RawBodyRequest } from './stripe-raw-body.hook';

/** The billing service's HTTP face (issue 12): every route forwards to rpc.billing.*; each may also answer 503 / 504. */
@ApiTags('billing')
@Controller('v1/billing')
@ApiProblems(503, 504)
export class BillingHttpController {
  constructor(private readonly billing: ServiceRpc) {}

  @Get('balance')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getBalance', summary: 'Balance, credits held by calls in flight, and what is available' })
  @ApiOkResponse({ type: BalanceDto })
  @ApiProblems(500)
  balance(@CurrentOrg() orgId: OrgId): Promise<BalanceDto> {
    return this.billing.request(Rpc.Billing.BalanceGet, { organizationId: orgId });
  }

  @Get('ledger')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listLedgerEntries', summary: 'Every credit and debit that explains the balance, newest first; filter by kind, call and time' })
  @ApiOkResponse({ type: LedgerPageDto })
  @ApiProblems(400, 422, 500)
  async ledger(@CurrentOrg() orgId: OrgId, @Query() q: LedgerQueryDto): Promise<LedgerPageDto> {
    const page = await this.billing.request(Rpc.Billing.LedgerList, { organizationId: orgId, limit: q.limit ?? DEFAULT_PAGE_SIZE, cursor: q.cursor, kind: q.kind, callId: q.callId, from: q.from, to: q.to });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  @Post('top-ups')
  @Roles('admin')
  @Idempotent({ required: true })
  @ApiOperation({
    operationId: 'createTopup',
    summary: 'Buy credits through the payment provider (Idempotency-Key required)',
    description:
      'With Stripe: a PaymentIntent for your checkout to confirm with `clientSecret`; the credits are added when Stripe reports the ' +
      'payment succeeded. A failed or pending payment is never credited. The same Idempotency-Key with another amount is 422.',
  })
  @ApiCreatedResponse({ type: TopupDto })
  @ApiBodyProblems()
  @ApiProblems(400, 402, 502)
  topUp(@CurrentOrg() orgId: OrgId, @Body() body: CreateTopupDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<TopupDto> {
    return this.billing.request(Rpc.Billing.TopupCreate, { organizationId: orgId, amount: body.amount, currency: body.currency, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Put('settings')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateBillingSettings', summary: 'Low-balance warning and auto-recharge (only the fields sent change)' })
  @ApiOkResponse({ type: BillingSettingsViewDto })
  @ApiBodyProblems()
  settings(@CurrentOrg() orgId: OrgId, @Body() body: BillingSettingsDto): Promise<BillingSettingsViewDto> {
    return this.billing.request(Rpc.Billing.SettingsUpdate, { ...body, organizationId: orgId });
  }

  @Get('price-plan')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getPricePlan', summary: "The organization's rates: per minute, increment, minimums, forwarding, per country" })
  @ApiOkResponse({ type: PricePlanDto })
  @ApiProblems(500)
  pricePlan(@CurrentOrg() orgId: OrgId): Promise<PricePlanDto> {
    return this.billing.request(Rpc.Billing.PricePlanGet, { organizationId: orgId });
  }

  @Get('cost-report')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getCostReport', summary: 'Calls, minutes, cost, average duration, failure and forwarding rates per day and campaign, with flags' })
  @ApiOkResponse({ type: CostReportDto })
  @ApiProblems(400, 422, 500)
  async costReport(@CurrentOrg() orgId: OrgId, @Query() q: CostReportQueryDto): Promise<CostReportDto> {
    const report = await this.billing.request(Rpc.Billing.CostReportGet, { organizationId: orgId, from: q.from, to: q.to, ...(q.campaignId ? { campaignId: q.campaignId } : {}) });
    return { rows: report.rows.map((r) => ({ ...r, campaignId: r.campaignId ?? null })) };
  }

  @Post('organizations/:id/credits')
  @HttpCode(201)
  @Roles(PLATFORM_ADMIN)
  @Idempotent()
  @ApiOperation({ operationId: 'grantCredits', summary: 'Platform admin: credit an organization by hand (a payment received outside Stripe)' })
  @ApiCreatedResponse({ type: TopupDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  grant(@Param() params: UuidParamDto, @Body() body: GrantCreditsDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<TopupDto> {
    return this.billing.request(Rpc.Billing.CreditsGrant, { organizationId: asOrgId(params.id), amount: body.amount, note: body.note, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  /** Stripe's webhook: no API key (Stripe-Signature over the raw body is the credential); billing verifies and applies it. */
  @Post('stripe/webhook')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async stripeWebhook(@Req() req: RawBodyRequest, @Headers('stripe-signature') signature: string | undefined): Promise<{ received: true }> {
    await this.billing.request(Rpc.Billing.StripeWebhook, { payload: req.rawBody ?? '', signature: signature ?? '' });
    return { received: true };
  }
}
