import { databaseUnavailable, DomainError, isDatabaseUnreachable, isErrorCode, problemFor } from '@santral/contracts';

/**
 * What crosses the wire for core NATS request/reply (DESIGN §2 "commands and queries").
 * A request body is the JSON payload itself; the reply is always an `RpcReply`.
 */
export interface RpcWireError {
  code: string;
  message: string;
  /** The status of the code (the gateway takes it from the code again, never from the reply). */
  status?: number;
  /** The rest of DomainError's wire object (`kind`, `detail`, `extra`), kept as is. */
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

const INTERNAL_WIRE: RpcWireError = { code: RpcErrorCodes.Internal, message: 'Internal error', status: 500 };

/** What `toWire()` returns, if `err` has one and it does not throw. */
function wiredForm(err: unknown): unknown {
  if (!isRecord(err) || typeof err.toWire !== 'function') return undefined;
  try {
    return (err.toWire as () => unknown).call(err);
  } catch {
    return undefined;
  }
}

/**
 * Turns whatever a handler threw into the wire error. Only a contracts DomainError (an object
 * whose `toWire()` is DomainError's wire object, so `DomainError.fromWire` rebuilds it) crosses
 * with its code, its status taken from the code. Anything else, however coded (a pg error's
 * '22021', a framework error), is INTERNAL with nothing of it on the wire; NatsRpcServer logs it.
 */
export function toRpcWireError(err: unknown): RpcWireError {
  const wired = isDatabaseUnreachable(err) ? databaseUnavailable().toWire() : wiredForm(err);
  if (!DomainError.isWire(wired)) return { ...INTERNAL_WIRE };
  const status = isErrorCode(wired.code) ? problemFor(wired.code).status : 500;
  const message = typeof wired.detail === 'string' && wired.detail.length > 0 ? wired.detail : wired.code;
  return { ...wired, message, status };
}

export function isRpcReply(v: unknown): v is RpcReply {
  if (!isRecord(v) || typeof v.ok !== 'boolean') return false;
  return v.ok || (isRecord(v.error) && typeof v.error.code === 'string');
}
