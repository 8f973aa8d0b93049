import { IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { serviceConfig } from '@santral/service-kit';

/** Billing's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class BillingConfig extends serviceConfig('billing') {
  /** A reservation lives for its call's maximum length plus this before the sweeper voids it. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  RESERVATION_GRACE_SECONDS: number = 300;

  /** How often the sweeper voids expired reservations; 0 turns it off. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  SWEEP_INTERVAL_MS: number = 5_000;

  /** How often requested auto-recharges are charged; 0 turns the worker off. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  PAYMENT_WORKER_INTERVAL_MS: number = 2_000;

  /** A charge claimed this long ago without an answer is tried again (same idempotency key). */
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  PAYMENT_RETRY_AFTER_MS: number = 60_000;

  /** `stripe`: PaymentIntents and signed webhooks; `manual`: the platform admin credits by hand. */
  @IsIn(['stripe', 'manual'])
  PAYMENT_PROVIDER: 'stripe' | 'manual' = 'manual';

  @ValidateIf((c: BillingConfig) => c.PAYMENT_PROVIDER === 'stripe')
  @Matches(/^(sk|rk)_(test|live)_\w+$/, { message: 'STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_…/sk_live_…) when PAYMENT_PROVIDER=stripe' })
  STRIPE_SECRET_KEY: string = '';

  @ValidateIf((c: BillingConfig) => c.PAYMENT_PROVIDER === 'stripe')
  @Matches(/^whsec_\w+$/, { message: 'STRIPE_WEBHOOK_SECRET must be the endpoint signing secret (whsec_…) when PAYMENT_PROVIDER=stripe' })
  STRIPE_WEBHOOK_SECRET: string = '';

  /** Stripe's API base URL; tests point it at a local stand-in. Empty: api.stripe.com. */
  @IsString()
  @Matches(/^(https?:\/\/[^/]+)?$/, { message: 'STRIPE_API_URL must be scheme://host[:port] or empty' })
  STRIPE_API_URL: string = '';
}
