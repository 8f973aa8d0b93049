import { headers as natsHeaders, NatsConnection, RequestError, TimeoutError } from '@nats-io/nats-core';
import { withPrefix, type PayloadOf, type ReplyOf, type RpcSubject } from '@santral/contracts';
import { decodeJson, encodeJson } from '../codec';
import { currentEventContext } from '../tracing/event-context';
import { isRpcReply, RpcErrorCodes, RpcNoRespondersError, RpcRemoteError, RpcTimeoutError } from './rpc-wire';

export interface RpcRequestOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** subject → request and reply of every request/reply subject in the contracts registry. */
export type ContractRpcMessages = { [S in RpcSubject]: { request: PayloadOf<S>; reply: ReplyOf<S> } };

/** For libs/messaging's own tests, which serve subjects the registry does not know. */
export type UntypedRpcMessages = Record<string, { request: unknown; reply: unknown }>;

type RpcMap = Record<string, { request: unknown; reply: unknown }>;

export interface NatsRpcClientOptions {
  /** Default 5000 ms. Every call has a timeout (DESIGN §2). */
  defaultTimeoutMs?: number;
  /** Test isolation: requests go to `<prefix>.<subject>` (match NatsRpcServer's). */
  subjectPrefix?: string;
}

function isTimeout(err: unknown): boolean {
  return err instanceof TimeoutError || (err instanceof RequestError && err.cause instanceof TimeoutError);
}

function isNoResponders(err: unknown): boolean {
  return err instanceof RequestError && err.isNoResponders();
}

/**
 * Commands and queries over core NATS request/reply. Resolves with the handler's
 * result or throws `RpcRemoteError` (the remote's wire error, intact),
 * `RpcTimeoutError` or `RpcNoRespondersError`.
 */
export class NatsRpcClient<M extends RpcMap = ContractRpcMessages> {
  private readonly defaultTimeoutMs: number;
  private readonly prefix: string | undefined;

  constructor(
    private readonly nc: NatsConnection,
    opts: NatsRpcClientOptions = {},
  ) {
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? 5000;
    this.prefix = opts.subjectPrefix || undefined;
  }

  /** Typed by the registry: `request(Rpc.Billing.BalanceGet, { organizationId })` resolves to its reply class. */
  async request<S extends keyof M & string>(subject: S, payload: M[S]['request'], opts: RpcRequestOptions = {}): Promise<M[S]['reply']> {
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    const hdrs = natsHeaders();
    const ctx = currentEventContext();
    if (ctx) {
      hdrs.set('correlationid', ctx.correlationid);
      if (ctx.traceparent) hdrs.set('traceparent', ctx.traceparent);
    }
    for (const [k, v] of Object.entries(opts.headers ?? {})) hdrs.set(k, v);
    let body: unknown;
    try {
      const msg = await this.nc.request(withPrefix(this.prefix, subject), encodeJson(payload), { timeout: timeoutMs, headers: hdrs });
      body = decodeJson(msg.data);
    } catch (err) {
      if (isNoResponders(err)) throw new RpcNoRespondersError(subject);
      if (isTimeout(err)) throw new RpcTimeoutError(subject, timeoutMs);
      throw err;
    }
    if (!isRpcReply(body)) {
      throw new RpcRemoteError(subject, { code: RpcErrorCodes.Internal, message: 'Malformed RPC reply' });
    }
    if (!body.ok) throw new RpcRemoteError(subject, body.error);
    return body.data as M[S]['reply'];
  }
}
