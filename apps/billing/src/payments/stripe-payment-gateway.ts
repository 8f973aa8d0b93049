import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { DomainError } from '@santral/contracts';
import { PaymentGateway, type ChargeRequest, type ChargeResult, type PaymentNotification, type PaymentState } from './payment-gateway';

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** A local stand-in in tests (`http://127.0.0.1:12111`); Stripe's API otherwise. */
  apiUrl?: string;
}

/** Credits are one currency unit; Stripe counts the currency's minor unit (cents for USD, EUR, GBP, TRY). */
const UNITS_PER_MINOR = 100;

function stateOf(status: string): PaymentState {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'canceled' || status === 'requires_payment_method') return 'failed';
  return 'pending';
}

/** Stripe PaymentIntents: our payment id is the idempotency key, so a retried charge is the same intent. */
@Injectable()
export class StripePaymentGateway extends PaymentGateway {
  readonly provider = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeOptions) {
    super();
    const url = options.apiUrl ? new URL(options.apiUrl) : undefined;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 2,
      timeout: 10_000,
      ...(url ? { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), protocol: url.protocol.replace(':', '') as 'http' | 'https' } : {}),
    });
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const params: Stripe.PaymentIntentCreateParams = {
      amount: Math.round(request.amount / UNITS_PER_MINOR),
      currency: request.currency.toLowerCase(),
      metadata: { paymentId: request.paymentId, organizationId: request.organizationId },
      ...(request.customerId ? { customer: request.customerId } : {}),
      ...(request.offSession ? { payment_method: request.paymentMethodId ?? undefined, off_session: true, confirm: true } : {}),
    };
    try {
      const intent = await this.stripe.paymentIntents.create(params, { idempotencyKey: request.paymentId });
      // An on-session intent waits for the customer's checkout: pending until the webhook says.
      const state = request.offSession ? stateOf(intent.status) : intent.status === 'succeeded' ? 'succeeded' : 'pending';
      return { state, reference: intent.id, clientSecret: intent.client_secret ?? undefined, failure: intent.last_payment_error?.message };
    } catch (e) {
      if (e instanceof Stripe.errors.StripeCardError) return { state: 'failed', failure: e.message, reference: (e.raw as { payment_intent?: { id?: string } })?.payment_intent?.id };
      throw new DomainError('PAYMENT_PROVIDER_ERROR', `Stripe: ${(e as Error).message}`);
    }
  }

  verifyWebhook(payload: string, signature: string): PaymentNotification | null {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(payload, signature, this.options.webhookSecret);
    } catch (e) {
      throw new DomainError('WEBHOOK_SIGNATURE_INVALID', `Stripe signature: ${(e as Error).message}`);
    }
    if (!event.type.startsWith('payment_intent.')) return null;
    const intent = event.data.object as Stripe.PaymentIntent;
    const state: PaymentState =
      event.type === 'payment_intent.succeeded' ? 'succeeded' : event.type === 'payment_intent.payment_failed' || event.type === 'payment_intent.canceled' ? 'failed' : 'pending';
    return { reference: intent.id, paymentId: intent.metadata?.paymentId, state, failure: intent.last_payment_error?.message };
  }
}
