import { Controller } from '@nestjs/common';
import {
  Rpc,
  type BillingSettingsRequest,
  type CostReportRequest,
  type CreditsGrantRequest,
  type LedgerListRequest,
  type OrganizationQuery,
  type ReserveCreditsRequest,
  type StripeWebhookRequest,
  type TopupCreateRequest,
} from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { GetBalanceUseCase } from './balance/get-balance.use-case';
import { ListLedgerEntriesUseCase } from './ledger/list-ledger-entries.use-case';
import { CreateTopupUseCase } from './payments/create-topup.use-case';
import { GrantCreditsUseCase } from './payments/grant-credits.use-case';
import { HandleStripeWebhookUseCase } from './payments/handle-stripe-webhook.use-case';
import { GetPricePlanUseCase } from './pricing/get-price-plan.use-case';
import { CostReportUseCase } from './reports/cost-report.use-case';
import { ReserveCreditsUseCase } from './reservations/reserve-credits.use-case';
import { UpdateBillingSettingsUseCase } from './settings/update-billing-settings.use-case';

/** NATS request/reply adapter of rpc.billing.*; each payload arrives validated against its contracts class. */
@Controller()
export class BillingMessagesController {
  constructor(
    private readonly reserveCredits: ReserveCreditsUseCase,
    private readonly balance: GetBalanceUseCase,
    private readonly ledger: ListLedgerEntriesUseCase,
    private readonly topup: CreateTopupUseCase,
    private readonly grant: GrantCreditsUseCase,
    private readonly settings: UpdateBillingSettingsUseCase,
    private readonly pricePlan: GetPricePlanUseCase,
    private readonly costReport: CostReportUseCase,
    private readonly stripeWebhook: HandleStripeWebhookUseCase,
  ) {}

  @RpcHandler(Rpc.Billing.CreditsReserve)
  reserve(input: ReserveCreditsRequest) {
    return this.reserveCredits.execute(input);
  }

  @RpcHandler(Rpc.Billing.BalanceGet)
  getBalance(input: OrganizationQuery) {
    return this.balance.execute(input);
  }

  @RpcHandler(Rpc.Billing.LedgerList)
  listLedger(input: LedgerListRequest) {
    return this.ledger.execute(input);
  }

  @RpcHandler(Rpc.Billing.TopupCreate)
  createTopup(input: TopupCreateRequest) {
    return this.topup.execute(input);
  }

  @RpcHandler(Rpc.Billing.CreditsGrant)
  grantCredits(input: CreditsGrantRequest) {
    return this.grant.execute(input);
  }

  @RpcHandler(Rpc.Billing.SettingsUpdate)
  updateSettings(input: BillingSettingsRequest) {
    return this.settings.execute(input);
  }

  @RpcHandler(Rpc.Billing.PricePlanGet)
  getPricePlan(input: OrganizationQuery) {
    return this.pricePlan.execute(input);
  }

  @RpcHandler(Rpc.Billing.CostReportGet)
  getCostReport(input: CostReportRequest) {
    return this.costReport.execute(input);
  }

  @RpcHandler(Rpc.Billing.StripeWebhook)
  handleStripeWebhook(input: StripeWebhookRequest) {
    return this.stripeWebhook.execute(input);
  }
}
