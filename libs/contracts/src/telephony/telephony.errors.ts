import { codeEnum, type CodesOf } from '../common/code-enum';

export const TelephonyErrorCode = codeEnum(
  'WEBHOOK_SIGNATURE_INVALID',
  'WEBHOOK_TIMESTAMP_STALE',
  'WEBHOOK_SOURCE_NOT_ALLOWED',
  'WEBHOOK_PAYLOAD_INVALID',
  'WEBHOOK_EVENT_UNKNOWN',
  'PROVIDER_ACCOUNT_NOT_FOUND',
  'PROVIDER_NOT_SUPPORTED',
  'PROVIDER_CREDENTIALS_INVALID',
  'PROVIDER_ERROR',
  'PROVIDER_UNAVAILABLE',
);
export type TelephonyErrorCode = CodesOf<typeof TelephonyErrorCode>;
