import { Registry } from 'prom-client';
import { ConsumerOutcome } from '../consumer/consumer-outcome';
import { MessagingMetrics } from './messaging-metrics';

const outcome = (o: Partial<ConsumerOutcome>): ConsumerOutcome => ({ consumer: 'billing__x', subject: 't1.dialer.call.ended.v1', eventId: 'e', deliveryCount: 1, kind: 'applied', ...o });

async function value(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  // A histogram is one metric whose values name their series (_bucket, _sum, _count).
  const base = name.replace(/_(sum|count)$/, '');
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name || m.name === base);
  const series = (metric?.values ?? []) as { value: number; labels: Record<string, unknown>; metricName?: string }[];
  const match = series.filter((v) => (v.metricName ?? metric?.name) === name && Object.entries(labels).every(([k, x]) => v.labels[k] === x));
  return match.length ? match.reduce((n, v) => n + v.value, 0) : undefined;
}

describe('MessagingMetrics', () => {
  let registry: Registry;
  let now: number;
  let metrics: MessagingMetrics;
  beforeEach(() => {
    registry = new Registry();
    now = 1_000_000;
    metrics = new MessagingMetrics(registry, 't1', () => now);
  });

  it('counts each outcome by consumer and plain subject (the test prefix stripped)', async () => {
    for (const kind of ['applied', 'applied', 'duplicate', 'retry', 'dead-letter'] as const) metrics.onOutcome(outcome({ kind }));
    expect(await value(registry, 'santral_events_consumed_total', { subject: 'dialer.call.ended.v1', outcome: 'applied' })).toBe(2);
    expect(await value(registry, 'santral_events_consumed_total', { outcome: 'duplicate' })).toBe(1);
    expect(await value(registry, 'santral_events_consumed_total', { outcome: 'dead-letter', consumer: 'billing__x' })).toBe(1);
    expect(await value(registry, 'santral_events_consumed_total', { subject: 't1.dialer.call.ended.v1' })).toBeUndefined();
  });

  it('observes the lag of finished deliveries only, from the stream’s timestamp', async () => {
    metrics.onOutcome(outcome({ kind: 'applied', storedAtMs: now - 250 }));
    metrics.onOutcome(outcome({ kind: 'retry', storedAtMs: now - 90_000 }));
    metrics.onOutcome(outcome({ kind: 'dead-letter', storedAtMs: now - 2000 }));
    metrics.onOutcome(outcome({ kind: 'applied' }));
    expect(await value(registry, 'santral_event_consumer_lag_seconds_count')).toBe(2);
    expect(await value(registry, 'santral_event_consumer_lag_seconds_sum')).toBeCloseTo(2.25);
  });

  it('counts published events per subject', async () => {
    metrics.onPublished(['t1.a.v1', 't1.b.v1', 't1.a.v1']);
    expect(await value(registry, 'santral_events_published_total', { subject: 'a.v1' })).toBe(2);
    expect(await value(registry, 'santral_events_published_total', { subject: 'b.v1' })).toBe(1);
  });

  it('reads the outbox backlog once per scrape for both gauges, summed over the watched outboxes', async () => {
    let reads = 0;
    metrics.watchOutbox(async () => (reads++, { pending: 3, oldestSeconds: 1.5 }));
    metrics.watchOutbox(async () => ({ pending: 4, oldestSeconds: 9 }));
    await registry.metrics();
    expect(reads).toBe(1);
    expect(await value(registry, 'santral_outbox_pending')).toBe(7);
    expect(await value(registry, 'santral_outbox_oldest_pending_seconds')).toBe(9);
  });

  it('says NaN, not 0, when an outbox cannot be read', async () => {
    metrics.watchOutbox(async () => {
      throw new Error('database down');
    });
    expect(await value(registry, 'santral_outbox_pending')).toBeNaN();
    expect(await value(registry, 'santral_outbox_oldest_pending_seconds')).toBeNaN();
  });

  it('reports an empty outbox as 0 pending, 0 seconds', async () => {
    expect(await value(registry, 'santral_outbox_pending')).toBe(0);
    expect(await value(registry, 'santral_outbox_oldest_pending_seconds')).toBe(0);
  });
});
