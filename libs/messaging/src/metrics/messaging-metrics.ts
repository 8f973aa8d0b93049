import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { withoutPrefix } from '@santral/contracts';
import type { ConsumerOutcome } from '../consumer/consumer-outcome';

/** What the outbox holds unsent: how many rows, and how long the oldest has waited. */
export interface OutboxBacklog {
  pending: number;
  oldestSeconds: number;
}

/**
 * The event bus's Prometheus metrics (deploy/grafana/santral.json): events the relay published,
 * deliveries each consumer handled by outcome (dead letters are `outcome="dead-letter"`), how
 * long a message waited in the stream before its consumer finished with it, and the outbox
 * backlog, read from the outbox table when Prometheus scrapes. Labels are bounded: subjects are
 * the contracts' constants (a test prefix is stripped), consumers the services' durables.
 */
export class MessagingMetrics {
  readonly published: Counter<'subject'>;
  readonly consumed: Counter<'consumer' | 'subject' | 'outcome'>;
  readonly consumerLag: Histogram<'consumer'>;
  private readonly backlogSources: Array<() => Promise<OutboxBacklog>> = [];

  constructor(
    registry: Registry,
    private readonly subjectPrefix?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.published = new Counter({
      name: 'santral_events_published_total',
      help: 'Events the outbox relay published to JetStream (counted once their rows are marked sent)',
      labelNames: ['subject'],
      registers: [registry],
    });
    this.consumed = new Counter({
      name: 'santral_events_consumed_total',
      help: 'Deliveries a consumer finished, by outcome: applied, duplicate (inbox hit), retry (nak), dead-letter',
      labelNames: ['consumer', 'subject', 'outcome'],
      registers: [registry],
    });
    this.consumerLag = new Histogram({
      name: 'santral_event_consumer_lag_seconds',
      help: 'From the stream storing a message to its consumer finishing it (applied, duplicate or dead-lettered)',
      labelNames: ['consumer'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    // One read of the outbox serves both gauges of a scrape: prom-client collects a scrape's
    // metrics concurrently, so the second collect finds the first one's read still in flight.
    let inflight: Promise<OutboxBacklog> | undefined;
    const read = (): Promise<OutboxBacklog> => {
      inflight ??= this.readBacklog().finally(() => {
        inflight = undefined;
      });
      return inflight;
    };
    new Gauge({
      name: 'santral_outbox_pending',
      help: 'Outbox rows not yet published (read from the outbox table at scrape time)',
      registers: [registry],
      async collect() {
        this.set((await read()).pending);
      },
    });
    new Gauge({
      name: 'santral_outbox_oldest_pending_seconds',
      help: 'Age of the oldest unpublished outbox row, 0 when none (read from the outbox table at scrape time)',
      registers: [registry],
      async collect() {
        this.set((await read()).oldestSeconds);
      },
    });
  }

  /** Sums the watched outboxes; one that cannot be read (database down) counts as unknown, not as empty. */
  private async readBacklog(): Promise<OutboxBacklog> {
    const all = await Promise.all(this.backlogSources.map((s) => s().catch(() => undefined)));
    if (all.some((b) => b === undefined)) return { pending: Number.NaN, oldestSeconds: Number.NaN };
    const known = all as OutboxBacklog[];
    return { pending: known.reduce((n, b) => n + b.pending, 0), oldestSeconds: Math.max(0, ...known.map((b) => b.oldestSeconds)) };
  }

  /** Where the outbox backlog is read from (the event bus's data source). */
  watchOutbox(source: () => Promise<OutboxBacklog>): void {
    this.backlogSources.push(source);
  }

  /** An `onOutcome` observer: counts the outcome and, when the delivery is finished, its lag. */
  readonly onOutcome = (o: ConsumerOutcome): void => {
    this.consumed.inc({ consumer: o.consumer, subject: this.plain(o.subject), outcome: o.kind });
    if (o.kind !== 'retry' && o.kind !== 'held' && o.storedAtMs !== undefined) this.consumerLag.observe({ consumer: o.consumer }, Math.max(0, this.now() - o.storedAtMs) / 1000);
  };

  /** An `onPublished` observer of the relay: one increment per subject of a committed pass. */
  readonly onPublished = (subjects: string[]): void => {
    const counts = new Map<string, number>();
    for (const s of subjects) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const [subject, n] of counts) this.published.inc({ subject: this.plain(subject) }, n);
  };

  private plain(subject: string): string {
    return withoutPrefix(this.subjectPrefix, subject);
  }
}
