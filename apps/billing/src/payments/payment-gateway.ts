import type { PaymentProvider } from '@santral/contracts';

/** One charge of an organization (units, ledger/money.ts), keyed by our payment id. */
export interface ChargeRequest {
  paymentId: string;
  organizationId: string;
  amount: number;
  currency: string;
  /** Auto-recharge: charge the saved payment method now, without the customer. */
  offSession: boolean;
  customerId?: string | null;
  paymentMethodId?: string | null;
}

export type PaymentState = 'succeeded' | 'pending' | 'failed';

export interface ChargeResult {
  state: PaymentState;
  reference?: string;
  clientSecret?: string;
  failure?: string;
  /** Why, for the ledger entry (the platform admin's note). */
  note?: string;
}

/** A verified provider notification about one of our payments. */
export interface PaymentNotification {
  reference: string;
  paymentId?: string;
  state: PaymentState;
  failure?: string;
}

/**
 * The payment port (H4). Adapters: Stripe (PaymentIntents, signed webhooks) and manual (the
 * platform admin credits by hand; a charge through it is always left pending, never credited).
 * `charge` must be safe to repeat with the same payment id (the provider's idempotency key).
 */
export abstract class PaymentGateway {
  abstract readonly provider: PaymentProvider;
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Verifies a webhook; null for an event that is not about a payment; throws WEBHOOK_SIGNATURE_INVALID. */
  abstract verifyWebhook(payload: string, signature: string): PaymentNotification | null;
}
