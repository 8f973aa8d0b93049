import { codeEnum, type CodesOf } from './code-enum';

/** Errors any service or the HTTP edge can raise. */
export const CommonErrorCode = codeEnum(
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_API_KEY',
  'API_KEY_REVOKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REQUIRED',
  'INVALID_CURSOR',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
);
export type CommonErrorCode = CodesOf<typeof CommonErrorCode>;
