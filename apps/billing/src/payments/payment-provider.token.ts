import type { PaymentProvider } from '@santral/contracts';

/** Which adapter the PaymentGateway port is bound to (config PAYMENT_PROVIDER). */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
export type PaymentProviderName = PaymentProvider;
