import { isErrorCode, type ErrorCode } from './error-codes';
import { problemFor, problemTypeFor, type ProblemDetails, type ProblemFieldError } from './problems';

export const DOMAIN_ERROR_WIRE_KIND = 'santral.domain-error';

/** A DomainError as a plain JSON object, for NATS request/reply error replies. */
export interface DomainErrorWire {
  kind: typeof DOMAIN_ERROR_WIRE_KIND;
  code: ErrorCode;
  detail?: string;
  extra?: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Members of ProblemDetails that `extra` may not overwrite. */
const RESERVED_PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code']);

/**
 * A failure with a stable code, raised by use cases and carried intact across NATS
 * (`toWire` / `fromWire`) to the gateway, which renders it as RFC 9457 (`toProblem`).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }

  /** No retry can mend it (the data or a rule refused it): a JetStream consumer dead-letters it at once. */
  get permanent(): boolean {
    return this.marked;
  }

  private marked = false;

  /** Marks the failure permanent (see `permanent`) and returns it, for `throw new DomainError(…).markPermanent()`. */
  markPermanent(): this {
    this.marked = true;
    return this;
  }

  /** VALIDATION_FAILED with its field errors. */
  static validation(errors: ProblemFieldError[], detail = 'The request is not valid'): DomainError {
    return new DomainError('VALIDATION_FAILED', detail, { errors });
  }

  get status(): number {
    return problemFor(this.code).status;
  }

  get title(): string {
    return problemFor(this.code).title;
  }

  toWire(): DomainErrorWire {
    const wire: DomainErrorWire = { kind: DOMAIN_ERROR_WIRE_KIND, code: this.code };
    if (this.detail !== undefined) wire.detail = this.detail;
    if (Object.keys(this.extra).length > 0) wire.extra = structuredClone(this.extra);
    return wire;
  }

  toJSON(): DomainErrorWire {
    return this.toWire();
  }

  static isWire(value: unknown): value is DomainErrorWire {
    return isRecord(value) && value.kind === DOMAIN_ERROR_WIRE_KIND && typeof value.code === 'string';
  }

  /**
   * Rebuilds an error from a reply. Anything that is not a well-formed wire object (an
   * unknown code from a newer service, a framework error) becomes INTERNAL, keeping what
   * it can under `extra`, so callers always get a DomainError.
   */
  static fromWire(value: unknown): DomainError {
    if (DomainError.isWire(value)) {
      const detail = typeof value.detail === 'string' ? value.detail : undefined;
      const extra = isRecord(value.extra) ? value.extra : {};
      if (isErrorCode(value.code)) return new DomainError(value.code, detail, extra);
      return new DomainError('INTERNAL', detail, { ...extra, unknownCode: value.code });
    }
    const message = isRecord(value) && typeof value.message === 'string' ? value.message : undefined;
    return new DomainError('INTERNAL', message ?? 'Unrecognized error reply', { reply: value });
  }

  toProblem(instance?: string): ProblemDetails {
    const { status, title } = problemFor(this.code);
    const problem: ProblemDetails = { type: problemTypeFor(this.code), title, status, code: this.code };
    if (this.detail !== undefined) problem.detail = this.detail;
    if (instance !== undefined) problem.instance = instance;
    // Server-side failures keep their extras (stack hints, raw replies) out of the response.
    if (status >= 500) return problem;
    for (const [key, value] of Object.entries(this.extra)) {
      if (!RESERVED_PROBLEM_MEMBERS.has(key)) problem[key] = value;
    }
    return problem;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
