import type { EndReasonCode } from '@santral/call-state';
import { problemFor, type CommonErrorCode, type TelephonyErrorCode } from '@santral/contracts';

/**
 * A failure with a stable code from libs/contracts (its status comes from the one code →
 * problem mapping there). `toWire()` is what NatsRpcServer sends — `{code, message, status}`,
 * the shape rpc-wire reads today; the webhook endpoint answers with `status`.
 */
export class TelephonyError extends Error {
  override readonly name = 'TelephonyError';

  constructor(
    readonly code: TelephonyErrorCode | CommonErrorCode,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }

  get status(): number {
    return problemFor(this.code).status;
  }

  toWire(): { code: string; message: string; status: number; details?: unknown } {
    const wire: { code: string; message: string; status: number; details?: unknown } = { code: this.code, message: this.detail ?? problemFor(this.code).title, status: this.status };
    if (Object.keys(this.extra).length > 0) wire.details = this.extra;
    return wire;
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
