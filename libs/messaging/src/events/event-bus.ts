import { Logger } from '@nestjs/common';
import { jetstream, JetStreamClient, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import type { ConsumerOutcome } from '../consumer/consumer-outcome';
import { EventConsumer } from '../consumer/event-consumer';
import { DeadLetterPublisher } from '../consumer/dead-letter-publisher';
import { EventBatchHandlerFn, EventHandlerFn, HandlerSpec, InboxProcessor } from '../consumer/inbox-processor';
import { DeadLetters } from '../dlq/dead-letters';
import { ContractStreamMessages, EventPublisher } from '../outbox/event-publisher';
import { MessagingPruner } from '../outbox/messaging-pruner';
import { OutboxRelay } from '../outbox/outbox-relay';
import { durableName, withPrefix } from '@santral/contracts';
import { ConsumerSettings, deadLetterPrefix, deadLetterStreamName, DEFAULTS, EventBusOptions, eventStreamName } from './event-bus.options';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { ensureEventStreams } from './streams';

export interface SubscribeOptions extends ConsumerSettings {
  /** Durable suffix; default derived from the subject. Changing it creates a new consumer. */
  name?: string;
}

export interface EventBusDeps {
  connection: NatsConnection;
  dataSource: DataSource;
  serviceName: string;
  options: EventBusOptions;
  /** Prometheus metrics of the relay, the consumers and the outbox backlog (MessagingModule passes the service's). */
  metrics?: MessagingMetrics;
}

/**
 * The JetStream event bus of one service, without Nest: outbox publisher and relay,
 * one durable consumer per subscription, dead letters. `MessagingModule` drives it
 * from `@OnEvent` handlers; benches and scripts use it directly.
 */
export class EventBus<M extends object = ContractStreamMessages> {
  readonly js: JetStreamClient;
  readonly publisher: EventPublisher<M>;
  readonly deadLetters: DeadLetters;
  readonly relay: OutboxRelay | undefined;
  private jsmPromise: Promise<JetStreamManager> | undefined;
  private readonly consumers: EventConsumer[] = [];
  readonly pruner: MessagingPruner;
  private readonly logger = new Logger('EventBus');
  private started = false;

  constructor(private readonly deps: EventBusDeps) {
    const { connection, dataSource, serviceName, options } = deps;
    this.js = jetstream(connection);
    this.publisher = new EventPublisher<M>(dataSource, `santral/${serviceName}`, options.subjectPrefix);
    this.deadLetters = new DeadLetters(this.js, () => this.jsm(), deadLetterStreamName(options));
    const relay = options.relay === false ? undefined : (options.relay ?? {});
    if (relay) {
      const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
      const metrics = deps.metrics;
      const onPublished = !metrics
        ? relay.onPublished
        : (subjects: string[]) => {
            relay.onPublished?.(subjects);
            metrics.onPublished(subjects);
          };
      const outboxRelay = new OutboxRelay(dataSource, connection, schema, { ...relay, onPublished });
      this.relay = outboxRelay;
      metrics?.watchOutbox(() => outboxRelay.backlog());
    }
    this.pruner = new MessagingPruner(dataSource, {
      retainSentMs: relay?.retainSentMs ?? 15 * 60_000,
      inboxRetentionMs: relay?.inboxRetentionMs ?? 30 * 24 * 3600_000,
      intervalMs: relay?.pruneIntervalMs ?? 60_000,
    });
  }

  jsm(): Promise<JetStreamManager> {
    this.jsmPromise ??= jetstreamManager(this.deps.connection);
    return this.jsmPromise;
  }

  /** Registers a handler; call before `start()` (or after, to start it at once). */
  subscribe<T>(subject: string, handler: EventHandlerFn<T>, opts: SubscribeOptions = {}): Promise<EventConsumer> {
    return this.addConsumer(subject, { each: handler as EventHandlerFn }, opts);
  }

  /** Batch mode (see `EventBatchHandlerFn`); `opts.batchSize` bounds a batch. */
  subscribeBatch<T>(subject: string, handler: EventBatchHandlerFn<T>, opts: SubscribeOptions = {}): Promise<EventConsumer> {
    return this.addConsumer(subject, { batch: handler as EventBatchHandlerFn }, opts);
  }

  private async addConsumer(subject: string, handler: HandlerSpec, opts: SubscribeOptions): Promise<EventConsumer> {
    const { options, serviceName, dataSource } = this.deps;
    const s = { ...options.consumer, ...opts };
    const durable = durableName(serviceName, opts.name ?? subject);
    const processor = new InboxProcessor(dataSource, {
      consumer: durable,
      handler,
      maxDeliver: s.maxDeliver ?? DEFAULTS.maxDeliver,
      backoff: s.backoff ?? DEFAULTS.backoff,
      validator: s.validator ?? options.validator,
      subjectPrefix: options.subjectPrefix,
      deadLetters: new DeadLetterPublisher(this.js, deadLetterPrefix(options), serviceName, options.subjectPrefix),
      onOutcome: this.observer(),
      handlerTimeoutMs: s.handlerTimeoutMs ?? DEFAULTS.handlerTimeoutMs,
    });
    const consumer = new EventConsumer(this.js, await this.jsm(), {
      stream: eventStreamName(options),
      durable,
      subject: withPrefix(options.subjectPrefix, subject),
      maxAckPending: s.maxAckPending ?? DEFAULTS.maxAckPending,
      concurrency: s.concurrency ?? DEFAULTS.concurrency,
      batchSize: s.batchSize ?? DEFAULTS.batchSize,
      ackWaitMs: s.ackWaitMs ?? DEFAULTS.ackWaitMs,
      deliverPolicy: s.deliverPolicy ?? 'all',
    }, processor);
    this.consumers.push(consumer);
    if (this.started) await consumer.start();
    return consumer;
  }

  /** The options' onOutcome and the metrics', as one observer. */
  private observer(): ((o: ConsumerOutcome) => void) | undefined {
    const { options, metrics } = this.deps;
    if (!metrics) return options.onOutcome;
    const own = options.onOutcome;
    if (!own) return metrics.onOutcome;
    return (o) => {
      own(o);
      metrics.onOutcome(o);
    };
  }

  async start(): Promise<void> {
    if (this.started) return;
    if (this.deps.options.manageStreams !== false) await ensureEventStreams(await this.jsm(), this.deps.options);
    await this.relay?.start();
    this.pruner.start();
    for (const c of this.consumers) await c.start();
    this.started = true;
    this.logger.log(`started: ${this.consumers.length} subscription(s), relay ${this.relay ? 'on' : 'off'}`);
  }

  /** Graceful: consumers stop pulling and finish (or nak) what they hold, then the relay stops. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.relay?.stop();
    await this.pruner.stop();
  }
}
