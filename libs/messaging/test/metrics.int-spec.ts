import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { MetricsModule, MetricsService } from '@santral/observability';
import { PersistenceModule } from '@santral/persistence';
import { testEnv, waitFor } from '@santral/testing';
import { EventBus, EventPublisher, MessagingMetrics, MessagingModule, MessagingTables1763800000000, type UntypedMessages } from '@santral/messaging';
import { AppliedTable1763800000001, createHarness, Harness, recordingHandler } from './harness';

jest.setTimeout(30_000);

// The event bus's metrics on a real outbox, relay, stream and consumer: what deploy/grafana's
// event, lag, outbox and dead-letter panels read.
describe('event bus metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('busmetrics');
  });
  afterEach(async () => {
    await h.stopBuses();
  });
  afterAll(async () => {
    await h.cleanup();
  });

  async function series(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
    const base = name.replace(/_(sum|count)$/, '');
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name || m.name === base);
    const values = (metric?.values ?? []) as { value: number; labels: Record<string, unknown>; metricName?: string }[];
    return values.filter((v) => (v.metricName ?? metric?.name) === name && Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((n, v) => n + v.value, 0);
  }

  it('shows the outbox backlog, then what the relay published and each outcome with its lag', async () => {
    const registry = new Registry();
    const metrics = new MessagingMetrics(registry, h.names.subjectPrefix);
    const ok = h.subject('metrics.ok.v1');
    const bad = h.subject('metrics.bad.v1');
    // The harness makes buses without metrics; this one is built the way MessagingModule builds a service's.
    const measured = new EventBus<UntypedMessages>({ connection: h.nc, dataSource: h.db.dataSource, serviceName: h.names.service, options: h.busOptions(), metrics });
    await measured.subscribe(ok, recordingHandler());
    await measured.subscribe(bad, async () => {
      throw new Error('always fails');
    });

    // Committed before the relay runs: the gauges read them from the outbox table.
    for (let i = 0; i < 3; i++) await measured.publisher.publish(ok, { i }, { orgid: null });
    await measured.publisher.publish(bad, {}, { orgid: null });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await series(registry, 'santral_outbox_pending')).toBe(4);
    expect(await series(registry, 'santral_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(1);

    try {
      await measured.start();
      await waitFor(async () => (await series(registry, 'santral_events_consumed_total', { outcome: 'dead-letter' })) === 1, 15_000, 'dead letter');
      await waitFor(async () => (await series(registry, 'santral_events_consumed_total', { outcome: 'applied' })) === 3, 15_000, 'applied');
      expect(await series(registry, 'santral_events_published_total', { subject: 'metrics.ok.v1' })).toBe(3);
      expect(await series(registry, 'santral_events_published_total', { subject: 'metrics.bad.v1' })).toBe(1);
      // maxDeliver 3: two retries before the dead letter.
      expect(await series(registry, 'santral_events_consumed_total', { subject: 'metrics.bad.v1', outcome: 'retry' })).toBe(2);
      expect(await series(registry, 'santral_event_consumer_lag_seconds_count')).toBe(4);
      const lagSum = await series(registry, 'santral_event_consumer_lag_seconds_sum');
      expect(lagSum).toBeGreaterThan(0);
      expect(lagSum).toBeLessThan(4 * 15);
      expect(await series(registry, 'santral_outbox_pending')).toBe(0);
      expect(await series(registry, 'santral_outbox_oldest_pending_seconds')).toBe(0);
    } finally {
      await measured.stop();
    }
  });

  it('is on the service’s /metrics registry when MessagingModule runs beside the MetricsModule', async () => {
    @Module({
      imports: [
        MetricsModule.forService('metrics-test'),
        PersistenceModule.forService({ url: testEnv.databaseUrl, schema: h.db.schema, entities: [], migrations: [MessagingTables1763800000000, AppliedTable1763800000001] }),
        MessagingModule.forRoot({ serviceName: h.names.service, natsUrl: testEnv.natsUrl, subjectPrefix: h.names.subjectPrefix, events: h.busOptions() }),
      ],
    })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      await app.init();
      await app.get(EventBus).start();
      await app.get<EventPublisher<UntypedMessages>>(EventPublisher).publish('metrics.wired.v1', {}, { orgid: null });
      const registry = app.get(MetricsService).registry;
      await waitFor(async () => (await series(registry, 'santral_events_published_total', { subject: 'metrics.wired.v1' })) === 1, 10_000, 'published on the service registry');
      const text = await registry.metrics();
      expect(text).toMatch(/^santral_outbox_pending\{service="metrics-test"\} 0$/m);
    } finally {
      await app.close();
    }
  });
});
