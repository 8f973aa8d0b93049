import type { EndReasonCode } from '@santral/call-state';
import { DomainError, type CommonErrorCode, type TelephonyErrorCode } from '@santral/contracts';

/**
 * A contracts DomainError limited to the telephony context's codes and the shared ones: it
 * crosses NATS like any DomainError (`toWire()`), and its `status` comes from the one code →
 * problem mapping in libs/contracts (the webhook endpoint answers with it).
 */
export class TelephonyError extends DomainError {
  declare readonly code: TelephonyErrorCode | CommonErrorCode;

  constructor(code: TelephonyErrorCode | CommonErrorCode, detail?: string, extra: Record<string, unknown> = {}) {
    super(code, detail, extra);
  }
}

/** A provider refused an API call with its own error code (kept verbatim, E5/S3). */
export class ProviderRejectedError extends Error {
  constructor(
    readonly providerCode: string,
    message: string,
    readonly sipCause?: number,
    /** The taxonomy code when the adapter knows it (else looked up by providerCode). */
    readonly reason?: EndReasonCode,
  ) {
    super(`${providerCode}: ${message}`);
  }
}
