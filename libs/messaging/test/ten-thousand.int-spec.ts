import { waitFor } from '@santral/testing';
import { createHarness, Harness, recordingHandler } from './harness';

jest.setTimeout(60_000);

describe('10,000 events through outbox → JetStream → consumer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('tenk', undefined, 12);
  });
  afterAll(async () => {
    await h.cleanup();
  });

  it('applies every one exactly once', async () => {
    const subject = h.subject('bulk.v1');
    const bus = h.bus({ relay: { pollIntervalMs: 100, retainSentMs: 0 } });
    await bus.subscribe(subject, recordingHandler(), { batchSize: 100, concurrency: 4, maxAckPending: 2000 });
    await bus.start();
    const total = 10_000;
    for (let i = 0; i < total; i += 500) {
      await h.db.dataSource.transaction((manager) =>
        bus.publisher.publishMany(Array.from({ length: 500 }, (_, k) => ({ type: subject, data: { n: i + k }, orgid: null })), { manager }),
      );
    }
    await waitFor(async () => (await h.appliedCounts()).distinct === total, 50_000, 'all applied', 100);
    await bus.stop();
    await expect(h.appliedCounts()).resolves.toEqual({ total, distinct: total, maxPerEvent: 1 });
    const [{ n }] = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM inbox`);
    expect(n).toBe(total);
  });
});
