import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { GetBalanceUseCase } from './balance/get-balance.use-case';
import { BillingMessagesController } from './billing.messages.controller';
import { BillingConfig } from './config';
import { BalanceWatch } from './ledger/balance-watch';
import { LedgerRepository } from './ledger/ledger.repository';
import { ListLedgerEntriesUseCase } from './ledger/list-ledger-entries.use-case';
import { migrations } from './migrations';
import { ApplyPaymentOutcomeUseCase } from './payments/apply-payment-outcome.use-case';
import { AutoRechargeWorker } from './payments/auto-recharge-worker';
import { ChargeAutoRechargesUseCase } from './payments/charge-auto-recharges.use-case';
import { CreateTopupUseCase } from './payments/create-topup.use-case';
import { GrantCreditsUseCase } from './payments/grant-credits.use-case';
import { HandleStripeWebhookUseCase } from './payments/handle-stripe-webhook.use-case';
import { ManualPaymentGateway } from './payments/manual-payment-gateway';
import { PaymentGateway } from './payments/payment-gateway';
import { PAYMENT_PROVIDER } from './payments/payment-provider.token';
import { PaymentsRepository } from './payments/payments.repository';
import { StripePaymentGateway } from './payments/stripe-payment-gateway';
import { GetPricePlanUseCase } from './pricing/get-price-plan.use-case';
import { PricePlansRepository } from './pricing/price-plans.repository';
import { CostReportUseCase } from './reports/cost-report.use-case';
import { SettlementsReportRepository } from './reports/settlements-report.repository';
import { CallEndedMessagesController } from './reservations/call-ended.messages.controller';
import { ExpireReservationsUseCase } from './reservations/expire-reservations.use-case';
import { ReservationsRepository } from './reservations/reservations.repository';
import { ReserveCreditsUseCase } from './reservations/reserve-credits.use-case';
import { SettleCallUseCase } from './reservations/settle-call.use-case';
import { ReservationSweeper } from './reservations/sweeper';
import { UpdateBillingSettingsUseCase } from './settings/update-billing-settings.use-case';

/** The payment port's adapter, chosen by PAYMENT_PROVIDER. */
function paymentGateway(config: BillingConfig) {
  return config.PAYMENT_PROVIDER === 'stripe'
    ? { provide: PaymentGateway, useValue: new StripePaymentGateway({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET, apiUrl: config.STRIPE_API_URL || undefined }) }
    : { provide: PaymentGateway, useClass: ManualPaymentGateway };
}

@Module({})
export class BillingModule {
  static forConfig(config: BillingConfig): DynamicModule {
    return {
      module: BillingModule,
      controllers: [BillingMessagesController],
      providers: [
        paymentGateway(config),
        { provide: PAYMENT_PROVIDER, useValue: config.PAYMENT_PROVIDER },
        LedgerRepository, ReservationsRepository, PricePlansRepository, PaymentsRepository, BalanceWatch,
        ReserveCreditsUseCase, SettleCallUseCase, ExpireReservationsUseCase, ReservationSweeper, CallEndedMessagesController,
        GetBalanceUseCase, ListLedgerEntriesUseCase, UpdateBillingSettingsUseCase, GetPricePlanUseCase, CostReportUseCase, SettlementsReportRepository,
        ApplyPaymentOutcomeUseCase, CreateTopupUseCase, GrantCreditsUseCase, HandleStripeWebhookUseCase, ChargeAutoRechargesUseCase, AutoRechargeWorker,
      ],
    };
  }
}

/** Credit ledger, reservations, pricing, payments (DESIGN §4); keeps each organization's minimum credits. */
export const billingService = defineService({
  name: 'billing',
  loadConfig: (env) => loadConfig(BillingConfig, env),
  module: (config) => BillingModule.forConfig(config),
  migrations,
  events: true,
  settings: (s) => ({ minCreditsToStart: s.limits.minCreditsToStart }),
});
