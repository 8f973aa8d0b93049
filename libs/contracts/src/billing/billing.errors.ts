import { codeEnum, type CodesOf } from '../common/code-enum';

export const BillingErrorCode = codeEnum(
  'INSUFFICIENT_CREDITS',
  'RESERVATION_NOT_FOUND',
  'RESERVATION_ALREADY_SETTLED',
  'INVALID_TOPUP_AMOUNT',
  'PAYMENT_FAILED',
  'PAYMENT_PROVIDER_ERROR',
  'UNSUPPORTED_CURRENCY',
  'PAYMENT_NOT_CONFIGURED',
);
export type BillingErrorCode = CodesOf<typeof BillingErrorCode>;
