import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import { isObservable, lastValueFrom } from 'rxjs';
import { randomUUID } from 'node:crypto';
import { DomainError, withPrefix, withoutPrefix } from '@santral/contracts';
import { decodeJson, encodeJson } from '../codec';
import { connectNats, natsInboxPrefix, natsReady, type NatsClientAuth } from '../connection/nats-connection.provider';
import { runWithEventContext } from '../tracing/event-context';
import { NatsRpcContext } from './nats-rpc.context';
import { RpcErrorCodes, RpcReply, RpcWireError, toRpcWireError } from './rpc-wire';

export interface NatsRpcServerOptions {
  /** Queue group: replicas of one service share the load. Use the service name. */
  queue: string;
  /** Either servers (the strategy owns its connection) or an existing connection. */
  servers?: string | string[];
  connection?: NatsConnection;
  name?: string;
  /** With `servers`: the service's NATS user; replies it awaits come to `natsInboxPrefix(queue)`. */
  auth?: NatsClientAuth;
  /** Test isolation: serves `<prefix>.<pattern>`; handlers keep the plain subject constants. */
  subjectPrefix?: string;
  /**
   * Checks (and transforms) a request before its handler sees it: the service kit passes the
   * contracts registry's `validatePayload`, so a handler's payload is an instance of its class.
   * A refusal answers VALIDATION_FAILED with the field errors; the handler never runs.
   */
  validator?: RequestValidator;
}

export type RequestValidator = (
  subject: string,
  data: unknown,
) => { ok: true; value: unknown } | { ok: false; errors: string[]; fieldErrors?: Array<{ field: string; message: string }> };

export const NATS_RPC_TRANSPORT = Symbol('NATS_RPC');

function errorSummary(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${err.message} (code ${code})` : err.message;
}

/**
 * Serves `@MessagePattern(subject)` handlers over core NATS request/reply with a
 * queue group. Replies `{ ok: true, data }` or `{ ok: false, error }` (see rpc-wire).
 * `@EventPattern` handlers are ignored here: domain events go through JetStream.
 */
export class NatsRpcServer extends Server implements CustomTransportStrategy {
  override readonly transportId = NATS_RPC_TRANSPORT;
  private nc: NatsConnection | undefined;
  private ownsConnection = false;
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: NatsRpcServerOptions) {
    super();
    if (!options.servers && !options.connection) throw new Error('NatsRpcServer needs servers or connection');
  }

  override async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      if (this.options.connection) {
        this.nc = this.options.connection;
      } else {
        this.nc = await connectNats({
          servers: this.options.servers!,
          name: this.options.name ?? `${this.options.queue}-rpc`,
          inboxPrefix: natsInboxPrefix(this.options.queue),
          auth: this.options.auth,
        });
        this.ownsConnection = true;
      }
      this.subscribeAll(this.nc);
      await this.nc.flush();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  private subscribeAll(nc: NatsConnection): void {
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) {
        this.logger.warn(`@EventPattern('${pattern}') ignored by NatsRpcServer: use @OnEvent for domain events`);
        continue;
      }
      const queue = (handler.extras?.queue as string | undefined) ?? this.options.queue;
      const subject = withPrefix(this.options.subjectPrefix, pattern);
      const sub = nc.subscribe(subject, { queue, callback: (err, msg) => (err ? this.logger.error(err) : this.track(this.handle(handler, msg))) });
      this.subscriptions.push(sub);
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async handle(handler: MessageHandler, msg: Msg): Promise<void> {
    const reply = await this.invoke(handler, msg);
    if (!msg.reply) return;
    try {
      msg.respond(encodeJson(reply));
    } catch (err) {
      this.logger.error(`cannot reply on ${msg.subject}: ${(err as Error).message}`);
    }
  }

  private async invoke(handler: MessageHandler, msg: Msg): Promise<RpcReply> {
    let payload: unknown;
    try {
      payload = decodeJson(msg.data);
    } catch {
      return { ok: false, error: { code: RpcErrorCodes.BadRequest, message: 'Request body is not JSON', status: 400 } };
    }
    const checked = this.options.validator?.(withoutPrefix(this.options.subjectPrefix, msg.subject), payload);
    if (checked && !checked.ok) {
      const fields = checked.fieldErrors ?? checked.errors.map((message) => ({ field: '', message }));
      return { ok: false, error: toRpcWireError(DomainError.validation(fields)) };
    }
    if (checked?.ok) payload = checked.value;
    const ctx = new NatsRpcContext([msg.subject, msg.headers]);
    const correlationid = ctx.header('correlationid') ?? randomUUID();
    try {
      const data = await runWithEventContext({ correlationid, causationid: null, traceparent: ctx.header('traceparent') }, async () => {
        const result: unknown = await handler(payload, ctx);
        return isObservable(result) ? await lastValueFrom(result, { defaultValue: undefined }) : result;
      });
      return { ok: true, data };
    } catch (err) {
      return { ok: false, error: this.wireError(msg.subject, err) };
    }
  }

  /** The wire form of a handler's failure; a server-side one (INTERNAL, any 5xx) is logged with its stack, as it never crosses. */
  private wireError(subject: string, err: unknown): RpcWireError {
    const wire = toRpcWireError(err);
    if ((wire.status ?? 500) >= 500) this.logger.error(`${subject} failed: ${errorSummary(err)}`, err instanceof Error ? err.stack : undefined);
    return wire;
  }

  /** Health check for the RPC side. */
  ready(timeoutMs = 2000): Promise<void> {
    if (!this.nc) return Promise.reject(new Error('NatsRpcServer is not listening'));
    return natsReady(this.nc, timeoutMs);
  }

  /** Stops taking requests, lets in-flight ones reply, then closes an owned connection. */
  override async close(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.drain().catch(() => undefined)));
    await Promise.allSettled([...this.inFlight]);
    if (this.nc && this.ownsConnection && !this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
    this.nc = undefined;
  }

  override on(): never {
    throw new Error('NatsRpcServer does not support on()');
  }

  override unwrap<T>(): T {
    if (!this.nc) throw new Error('NatsRpcServer is not listening');
    return this.nc as T;
  }
}
