import { Logger } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@santral/contracts';
import { isDatabaseOutage, withoutPrefix } from '@santral/contracts';
import { inTransaction, preparedQuery } from '@santral/persistence';
import type { BackoffOptions } from '../events/event-bus.options';
import { isEnvelope } from '../events/envelope';
import { PayloadValidator } from '../events/validation';
import { childContextOf, runWithEventContext } from '../tracing/event-context';
import { ConsumerOutcome, OutcomeKind } from './consumer-outcome';
import { DeadLetterPublisher, DeadLetterReason } from './dead-letter-publisher';
import { backoffDelay, decideOnFailure, isPermanentFailure } from './retry-policy';

/** A domain event handler: runs inside the inbox transaction; `manager` is that transaction. */
export type EventHandlerFn<T = unknown> = (data: T, envelope: EventEnvelope<T>, manager: EntityManager) => unknown;

export interface ReceivedEvent<T = unknown> {
  data: T;
  envelope: EventEnvelope<T>;
}

/**
 * Batch mode: one call per inbox transaction with every new event of the batch, so a
 * handler can write them in one statement. No causal context is set (there are many
 * causes): spread `childContextOf(envelope)` into what it publishes.
 */
export type EventBatchHandlerFn<T = unknown> = (events: ReceivedEvent<T>[], manager: EntityManager) => unknown;

export type HandlerSpec = { each: EventHandlerFn } | { batch: EventBatchHandlerFn };

export interface InboxProcessorConfig {
  consumer: string;
  handler: HandlerSpec;
  maxDeliver: number;
  backoff: BackoffOptions;
  validator?: PayloadValidator;
  /** Stripped from the NATS subject before validating (test prefix). */
  subjectPrefix?: string;
  deadLetters: DeadLetterPublisher;
  onOutcome?: (o: ConsumerOutcome) => void;
  /**
   * The longest one inbox transaction may take (handler included): past it the transaction is
   * rolled back and the message nak'ed for a retry, so a hanging handler neither holds its
   * connection nor is kept alive by `working()` forever. Also the transaction's statement_timeout.
   */
  handlerTimeoutMs: number;
  /**
   * How long one delivery is held and tried again while the database is down (see
   * `isDatabaseOutage`) before it is nak'ed like any failure. Held, it is neither redelivered nor
   * counted towards `maxDeliver` (the consumer's heartbeat keeps it with `working()`): an outage
   * longer than the retries would otherwise dead-letter every event that arrived during it.
   * Default 10 minutes.
   */
  outageHoldMs?: number;
}

const DEFAULT_OUTAGE_HOLD_MS = 600_000;

/** An inbox transaction that ran past its deadline. */
export class HandlerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`handler did not finish within ${timeoutMs} ms`);
    this.name = 'HandlerTimeoutError';
  }
}

interface Item {
  msg: JsMsg;
  env: EventEnvelope;
  data: unknown;
  id: string;
}

type Parsed = { ok: true; item: Item } | { ok: false; reason: DeadLetterReason; error: string; eventId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const decoder = new TextDecoder();

/**
 * Applies deliveries exactly once: the inbox row `(consumer, event id)` and the
 * handler's effects commit in one transaction, then the message is acked. A batch
 * shares one transaction; if it fails, each message is retried alone so one bad
 * event cannot hold back the others.
 */
export class InboxProcessor {
  private readonly logger: Logger;
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cfg: InboxProcessorConfig,
  ) {
    this.logger = new Logger(`Consumer ${cfg.consumer}`);
  }

  async process(batch: JsMsg[]): Promise<void> {
    const items: Item[] = [];
    for (const msg of batch) {
      const p = this.parse(msg);
      if (p.ok) items.push(p.item);
      else await this.deadLetter(msg, p.reason, p.error, p.eventId);
    }
    if (items.length > 1) {
      try {
        this.settle(items, await this.apply(items));
        return;
      } catch {
        // fall through: isolate the failing event
      }
    }
    for (const item of items) await this.applyOne(item);
  }

  /** Deliveries are held through a database outage again (the consumer started). */
  open(): void {
    this.closing = false;
  }

  /** Stops holding deliveries through a database outage (shutdown): the one held is nak'ed. */
  close(): void {
    this.closing = true;
  }

  private async applyOne(item: Item): Promise<void> {
    const holdUntil = Date.now() + (this.cfg.outageHoldMs ?? DEFAULT_OUTAGE_HOLD_MS);
    for (let tries = 1; ; tries++) {
      try {
        this.settle([item], await this.apply([item]));
        return;
      } catch (err) {
        if (!isDatabaseOutage(err) || this.closing || Date.now() >= holdUntil) return this.fail(item, err);
        // The database is down, not the event wrong: keep the delivery and try again once it may be back.
        const delayMs = backoffDelay(tries, this.cfg.backoff);
        this.report(item.msg, item.id, 'held', { delayMs, error: err instanceof Error ? err.message : String(err) });
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
  }

  private parse(msg: JsMsg): Parsed {
    let env: unknown;
    try {
      env = JSON.parse(decoder.decode(msg.data));
    } catch {
      return { ok: false, reason: 'malformed', error: 'body is not JSON', eventId: null };
    }
    if (!isEnvelope(env) || !UUID.test(env.id)) {
      return { ok: false, reason: 'malformed', error: 'body is not an event envelope with a UUID id', eventId: null };
    }
    const id = env.id.toLowerCase();
    if (msg.info.deliveryCount > this.cfg.maxDeliver) {
      return { ok: false, reason: 'max-deliver-exceeded', error: `delivered ${msg.info.deliveryCount} times without an outcome`, eventId: id };
    }
    const v = this.cfg.validator?.(withoutPrefix(this.cfg.subjectPrefix, msg.subject), env.data) ?? { ok: true as const, value: env.data };
    if (!v.ok) return { ok: false, reason: 'validation-failed', error: v.errors.join('; '), eventId: id };
    return { ok: true, item: { msg, env, data: v.value, id } };
  }

  /** One transaction: inbox rows, then the handler for each event not seen before; within the deadline. */
  private async apply(items: Item[]): Promise<Set<string>> {
    const timeoutMs = this.cfg.handlerTimeoutMs;
    return inTransaction(this.dataSource, async (manager) => {
      await preparedQuery(manager, `SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HandlerTimeoutError(timeoutMs)), timeoutMs);
      });
      try {
        return await Promise.race([this.applyIn(manager, items), deadline]);
      } finally {
        clearTimeout(timer);
      }
    });
  }

  private async applyIn(manager: EntityManager, items: Item[]): Promise<Set<string>> {
    {
      const rows = await preparedQuery<{ event_id: string }>(
        manager,
        `INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.cfg.consumer, items.map((i) => i.id)],
      );
      const fresh = new Set(rows.map((r) => r.event_id));
      const applied = new Set<string>();
      const todo: Item[] = [];
      for (const item of items) {
        if (!fresh.has(item.id) || applied.has(item.id)) continue;
        applied.add(item.id);
        todo.push(item);
      }
      const h = this.cfg.handler;
      if ('batch' in h) {
        if (todo.length) await h.batch(todo.map((i) => ({ data: i.data, envelope: i.env })), manager);
      } else {
        for (const item of todo) await runWithEventContext(childContextOf(item.env), () => h.each(item.data, item.env, manager));
      }
      return applied;
    }
  }

  private settle(items: Item[], applied: Set<string>): void {
    for (const item of items) {
      item.msg.ack();
      const kind: OutcomeKind = applied.delete(item.id) ? 'applied' : 'duplicate';
      this.report(item.msg, item.id, kind);
    }
  }

  private async fail(item: Item, err: unknown): Promise<void> {
    const error = err instanceof Error ? err.message : String(err);
    const decision = decideOnFailure(item.msg.info.deliveryCount, this.cfg.maxDeliver, this.cfg.backoff, undefined, isPermanentFailure(err));
    if (decision.action === 'retry') {
      item.msg.nak(decision.delayMs);
      this.report(item.msg, item.id, 'retry', { delayMs: decision.delayMs, error });
      return;
    }
    const why = isPermanentFailure(err) ? 'a permanent failure' : `${item.msg.info.deliveryCount} failures`;
    this.logger.error(`event ${item.id}: ${why}, dead-lettering: ${error}`);
    await this.deadLetter(item.msg, 'handler-failed', error, item.id);
  }

  private async deadLetter(msg: JsMsg, reason: DeadLetterReason, error: string, eventId: string | null): Promise<void> {
    try {
      await this.cfg.deadLetters.publish(msg, this.cfg.consumer, reason, error, eventId);
      msg.term();
      this.report(msg, eventId, 'dead-letter', { error: `${reason}: ${error}` });
    } catch (err) {
      // Not lost: it comes back and is dead-lettered then.
      this.logger.error(`cannot dead-letter ${eventId ?? `seq ${msg.seq}`}: ${(err as Error).message}`);
      msg.nak(this.cfg.backoff.maxMs);
    }
  }

  private report(msg: JsMsg, eventId: string | null, kind: OutcomeKind, extra: Partial<ConsumerOutcome> = {}): void {
    if (!this.cfg.onOutcome) return;
    const info = msg.info;
    const storedAtMs = info.timestampNanos / 1e6;
    this.cfg.onOutcome({ consumer: this.cfg.consumer, subject: msg.subject, eventId, deliveryCount: info.deliveryCount, kind, storedAtMs, ...extra });
  }
}
