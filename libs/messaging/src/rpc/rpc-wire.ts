/**
 * What crosses the wire for core NATS request/reply (DESIGN §2 "commands and queries").
 * A request body is the JSON payload itself; the reply is always an `RpcReply`.
 */
export interface RpcWireError {
  code: string;
  message: string;
  /** HTTP status the gateway should answer with, when the producer knows it. */
  status?: number;
  details?: unknown;
  /** Whatever else the thrower's `toWire()` returned (e.g. DomainError's `kind`, `detail`, `extra`), kept as is. */
  [member: string]: unknown;
}

export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; error: RpcWireError };

export const RpcErrorCodes = {
  Internal: 'INTERNAL',
  BadRequest: 'RPC_BAD_REQUEST',
  Timeout: 'RPC_TIMEOUT',
  NoResponders: 'RPC_NO_RESPONDERS',
} as const;

/** Base of every error `NatsRpcClient.request` throws. */
export abstract class RpcError extends Error {
  abstract readonly wire: RpcWireError;
  constructor(
    message: string,
    readonly subject: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The remote handler answered with an error; `wire` is exactly what it sent. */
export class RpcRemoteError extends RpcError {
  constructor(
    subject: string,
    readonly wire: RpcWireError,
  ) {
    super(`${subject}: ${wire.code}: ${wire.message}`, subject);
  }
  get code(): string {
    return this.wire.code;
  }
}

/** No reply within the timeout: the command may or may not have been applied. */
export class RpcTimeoutError extends RpcError {
  readonly wire: RpcWireError;
  constructor(
    subject: string,
    readonly timeoutMs: number,
  ) {
    super(`${subject}: no reply within ${timeoutMs} ms`, subject);
    this.wire = { code: RpcErrorCodes.Timeout, message: this.message, status: 504 };
  }
}

/** Nobody subscribes to the subject (service down or not deployed): nothing was applied. */
export class RpcNoRespondersError extends RpcError {
  readonly wire: RpcWireError;
  constructor(subject: string) {
    super(`${subject}: no responders`, subject);
    this.wire = { code: RpcErrorCodes.NoResponders, message: this.message, status: 503 };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function fromCodedObject(o: Record<string, unknown>): RpcWireError | null {
  if (typeof o.code !== 'string' || typeof o.message !== 'string') return null;
  const wire: RpcWireError = { code: o.code, message: o.message };
  if (typeof o.status === 'number') wire.status = o.status;
  if (o.details !== undefined) wire.details = o.details;
  return wire;
}

/** A `toWire()` result kept whole (so `DomainError.fromWire(wire)` rebuilds it), plus `message` and `status`. */
function fromToWire(err: Record<string, unknown>, wired: unknown): RpcWireError | null {
  if (!isRecord(wired) || typeof wired.code !== 'string') return null;
  const message = [wired.message, wired.detail, err.message].find((m): m is string => typeof m === 'string' && m.length > 0) ?? wired.code;
  const status = typeof wired.status === 'number' ? wired.status : typeof err.status === 'number' ? err.status : undefined;
  const wire: RpcWireError = { ...wired, code: wired.code, message };
  if (status !== undefined) wire.status = status;
  return wire;
}

/**
 * Turns whatever a handler threw into the wire error: an object with `toWire()`
 * (contracts' DomainError) wins, then anything carrying a string `code`
 * (including a Nest `RpcException` wrapping one), else INTERNAL with no internals leaked.
 */
export function toRpcWireError(err: unknown): RpcWireError {
  if (isRecord(err)) {
    if (typeof err.toWire === 'function') {
      const w = fromToWire(err, (err.toWire as () => unknown).call(err));
      if (w) return w;
    }
    if (typeof err.getError === 'function') {
      const inner = (err.getError as () => unknown).call(err);
      if (isRecord(inner)) {
        const w = fromCodedObject(inner);
        if (w) return w;
      }
    }
    const w = fromCodedObject(err);
    if (w) return w;
  }
  return { code: RpcErrorCodes.Internal, message: 'Internal error', status: 500 };
}

export function isRpcReply(v: unknown): v is RpcReply {
  if (!isRecord(v) || typeof v.ok !== 'boolean') return false;
  return v.ok || (isRecord(v.error) && typeof v.error.code === 'string');
}
