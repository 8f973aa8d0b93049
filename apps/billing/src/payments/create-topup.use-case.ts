import { Injectable } from '@nestjs/common';
import { Rpc, type TopupCreateRequest, type TopupReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { IdempotentCommands } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';
import { PricePlansRepository } from '../pricing/price-plans.repository';
import { ApplyPaymentOutcomeUseCase } from './apply-payment-outcome.use-case';
import { PaymentGateway } from './payment-gateway';
import { PaymentsRepository } from './payments.repository';
import { checkCurrency, topupUnits } from './topup-amount';

/**
 * POST /v1/billing/top-ups (H4): a payment through the provider, once per idempotency key. With
 * Stripe it is a PaymentIntent for the organization's checkout to confirm (`clientSecret`); the
 * credits arrive with its `payment_intent.succeeded` webhook. With the manual adapter it waits
 * for the platform admin. Nothing is credited before the payment succeeded.
 */
@Injectable()
export class CreateTopupUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly plans: PricePlansRepository,
    private readonly payments: PaymentsRepository,
    private readonly ledger: LedgerRepository,
    private readonly gateway: PaymentGateway,
    private readonly outcome: ApplyPaymentOutcomeUseCase,
  ) {}

  async execute(input: TopupCreateRequest): Promise<TopupReply> {
    const orgId = asOrgId(input.organizationId);
    const amount = topupUnits(input.amount);
    const currency = checkCurrency(input.currency, (await this.plans.get(orgId)).currency);
    return this.commands.run(orgId, Rpc.Billing.TopupCreate, input.idempotencyKey, async (tx) => {
      const account = await this.ledger.find(orgId, tx);
      const payment = await this.payments.create(orgId, { purpose: 'top_up', amount, currency, state: 'charging', key: `topup:${input.idempotencyKey ?? uuidv7()}` }, tx);
      const charged = await this.gateway.charge({ paymentId: payment.id, organizationId: orgId, amount, currency, offSession: false, customerId: account?.stripeCustomerId });
      const now = (await this.outcome.execute(orgId, payment.id, charged, tx))!;
      return {
        topupId: payment.id,
        state: now.state === 'succeeded' || now.state === 'failed' ? now.state : 'pending',
        amount: toCredits(amount),
        currency,
        paymentProvider: payment.provider,
        ...(now.providerReference ? { paymentReference: now.providerReference } : {}),
        ...(charged.clientSecret ? { clientSecret: charged.clientSecret } : {}),
      };
    });
  }
}
