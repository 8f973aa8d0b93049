import { Logger } from '@nestjs/common';
import { AckPolicy, ConsumerConfig, ConsumerMessages, DeliverPolicy, JetStreamApiError, JetStreamClient, JetStreamManager, JsMsg, ReplayPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { InboxProcessor } from './inbox-processor';

export interface EventConsumerConfig {
  stream: string;
  /** Durable name, `<service>__<subscription>`; also the inbox `consumer` key. */
  durable: string;
  /** One filter subject per consumer (nats-server 2.9 has no multi-filter). */
  subject: string;
  maxAckPending: number;
  concurrency: number;
  batchSize: number;
  ackWaitMs: number;
  deliverPolicy: 'all' | 'new';
}

/**
 * One durable pull consumer for one subscription, read with `consume()`. Messages
 * wait in a local queue; up to `concurrency` workers each take what is waiting (up
 * to `batchSize`) into one inbox transaction. `working()` keeps every message that
 * is queued or in a handler alive while it waits.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private messages: ConsumerMessages | undefined;
  private readonly queue: JsMsg[] = [];
  private readonly inProcess = new Set<JsMsg>();
  private readonly running = new Set<Promise<void>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly cfg: EventConsumerConfig,
    private readonly processor: InboxProcessor,
  ) {
    this.logger = new Logger(`Consumer ${cfg.durable}`);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.processor.open();
    await this.ensureConsumer();
    await this.openConsume();
    this.heartbeat = setInterval(() => this.keepAlive(), Math.max(1000, Math.floor(this.cfg.ackWaitMs / 3)));
    this.heartbeat.unref();
  }

  private async openConsume(): Promise<void> {
    const consumer = await this.js.consumers.get(this.cfg.stream, this.cfg.durable);
    const messages = await consumer.consume({
      // A small client buffer keeps shutdown short; consume() refills it at half.
      max_messages: Math.min(this.cfg.maxAckPending, Math.max(32, this.cfg.batchSize * this.cfg.concurrency * 2)),
      callback: (m) => this.enqueue(m),
    });
    this.messages = messages;
    void this.watch(messages);
  }

  /**
   * consume() rides out reconnects itself, but not a deleted durable (an operator's
   * `nats consumer rm`, a stream re-created): re-create it and consume again.
   */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const s of messages.status()) {
      if (this.stopped || this.messages !== messages) return;
      if (s.type === 'consumer_deleted' || s.type === 'consumer_not_found') {
        this.logger.warn(`durable ${this.cfg.durable} is gone (${s.type}); re-creating it`);
        this.messages = undefined;
        await messages.close().catch(() => undefined);
        await this.reopen();
        return;
      }
    }
  }

  private async reopen(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.ensureConsumer();
      await this.openConsume();
    } catch (err) {
      this.logger.warn(`cannot reopen consumer: ${(err as Error).message}`);
      setTimeout(() => void this.reopen(), 2000).unref();
    }
  }

  /**
   * Stops pulling, then finishes what this replica already holds (queued and in
   * handlers). Nak'ing held messages instead would hand them to our own pull
   * requests still open on the server, where they would sit until ack_wait.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.processor.close();
    await this.messages?.close().catch(() => undefined);
    while (this.running.size > 0 || this.queue.length > 0) {
      this.pump();
      await Promise.race([...this.running]);
    }
    clearInterval(this.heartbeat);
  }

  private consumerConfig(): Partial<ConsumerConfig> {
    return {
      durable_name: this.cfg.durable,
      filter_subject: this.cfg.subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: this.cfg.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      ack_wait: nanos(this.cfg.ackWaitMs),
      // Unlimited on the server: the lib counts deliveries and dead-letters, so the
      // server never drops a message silently.
      max_deliver: -1,
      max_ack_pending: this.cfg.maxAckPending,
    };
  }

  private async ensureConsumer(): Promise<void> {
    const want = this.consumerConfig();
    try {
      const info = await this.jsm.consumers.info(this.cfg.stream, this.cfg.durable);
      const c = info.config;
      if (c.ack_wait !== want.ack_wait || c.max_ack_pending !== want.max_ack_pending || c.max_deliver !== want.max_deliver) {
        await this.jsm.consumers.update(this.cfg.stream, this.cfg.durable, {
          ack_wait: want.ack_wait,
          max_ack_pending: want.max_ack_pending,
          max_deliver: want.max_deliver,
        });
      }
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.status === 404)) throw err;
      await this.jsm.consumers.add(this.cfg.stream, want);
    }
  }

  private enqueue(m: JsMsg): void {
    this.queue.push(m);
    this.pump();
  }

  private pump(): void {
    while (this.running.size < this.cfg.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.cfg.batchSize);
      batch.forEach((m) => this.inProcess.add(m));
      const run = this.processor
        .process(batch)
        .catch((err: Error) => {
          // Unexpected (e.g. the ack itself failed): leave the messages to redelivery.
          this.logger.error(`batch failed: ${err.message}`);
        })
        .finally(() => {
          batch.forEach((m) => this.inProcess.delete(m));
          this.running.delete(run);
          this.pump();
        });
      this.running.add(run);
    }
  }

  private keepAlive(): void {
    for (const m of this.queue) m.working();
    for (const m of this.inProcess) m.working();
  }
}
