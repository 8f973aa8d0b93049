import { Injectable } from '@nestjs/common';
import type { StripeWebhookReply, StripeWebhookRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { ApplyPaymentOutcomeUseCase } from './apply-payment-outcome.use-case';
import { PaymentGateway } from './payment-gateway';
import { PaymentsRepository } from './payments.repository';

/**
 * rpc.billing.stripe.webhook: the gateway's POST /v1/billing/stripe/webhook forwards Stripe's raw
 * body and Stripe-Signature; billing verifies them (webhooks.constructEvent) and applies the
 * payment's outcome once. Redelivered webhooks find the payment final and change nothing.
 */
@Injectable()
export class HandleStripeWebhookUseCase {
  constructor(
    private readonly gateway: PaymentGateway,
    private readonly payments: PaymentsRepository,
    private readonly tx: TransactionRunner,
    private readonly outcome: ApplyPaymentOutcomeUseCase,
  ) {}

  async execute(input: StripeWebhookRequest): Promise<StripeWebhookReply> {
    const note = this.gateway.verifyWebhook(input.payload, input.signature);
    if (!note) return { applied: false };
    const payment =
      (note.paymentId ? await this.payments.findByIdAcrossOrganizations(note.paymentId) : null) ?? (await this.payments.findByReferenceAcrossOrganizations(note.reference));
    if (!payment) return { applied: false };
    const before = payment.state;
    const after = await this.tx.run((tx) => this.outcome.execute(asOrgId(payment.organizationId), payment.id, { state: note.state, reference: note.reference, failure: note.failure }, tx));
    return { applied: after !== null && after.state !== before };
  }
}
