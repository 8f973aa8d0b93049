import { Injectable } from '@nestjs/common';
import { Rpc, type TopupCreateRequest, type TopupReply } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
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
 * POST /v1/billing/top-ups (H4): a payment through the provider, once per idempotency key, the
 * provider asked outside any transaction. With
 * Stripe it is a PaymentIntent for the organization's checkout to confirm (`clientSecret`); the
 * credits arrive with its `payment_intent.succeeded` webhook. With the manual adapter it waits
 * for the platform admin. Nothing is credited before the payment succeeded.
 */
@Injectable()
export class CreateTopupUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly tx: TransactionRunner,
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
    // The payment is claimed once per idempotency key and committed before the provider is asked:
    // a provider's latency must never hold a pooled connection. A retry with the same key finds the
    // same payment and, while it is still `charging`, asks again (the payment id is the provider's
    // idempotency key, so it is the same charge).
    const claimed = await this.commands.run<Claimed | TopupReply>(orgId, Rpc.Billing.TopupCreate, input.idempotencyKey, async (tx) => {
      const account = await this.ledger.find(orgId, tx);
      const payment = await this.payments.create(orgId, { purpose: 'top_up', amount, currency, state: 'charging', key: `topup:${input.idempotencyKey ?? uuidv7()}` }, tx);
      return { paymentId: payment.id, customerId: account?.stripeCustomerId ?? null };
    });
    if ('topupId' in claimed) return claimed; // answered whole by an earlier version, inside its transaction
    let payment = (await this.payments.get(orgId, claimed.paymentId))!;
    if (payment.state === 'charging') {
      // A provider that cannot be reached throws: the payment stays `charging`, never credited, and
      // the caller's retry with its key charges it again.
      const charged = await this.gateway.charge({ paymentId: payment.id, organizationId: orgId, amount: payment.amount, currency: payment.currency, offSession: false, customerId: claimed.customerId ?? undefined });
      payment = (await this.tx.run((tx) => this.outcome.execute(orgId, claimed.paymentId, charged, tx)))!;
    }
    return {
      topupId: payment.id,
      state: payment.state === 'succeeded' || payment.state === 'failed' ? payment.state : 'pending',
      amount: toCredits(payment.amount),
      currency: payment.currency,
      paymentProvider: payment.provider,
      ...(payment.providerReference ? { paymentReference: payment.providerReference } : {}),
      ...(payment.clientSecret ? { clientSecret: payment.clientSecret } : {}),
    };
  }
}

/** What the idempotent claim stores: the payment, and who pays (Stripe's customer). */
interface Claimed {
  paymentId: string;
  customerId: string | null;
}
