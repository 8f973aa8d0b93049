import { PrivateNatsServer, startPrivateNatsServer, waitFor } from '@santral/testing';
import { createHarness, Harness, recordingHandler } from './harness';

jest.setTimeout(60_000);

describe('NATS restarted mid-stream (private nats-server)', () => {
  let server: PrivateNatsServer;
  let h: Harness;
  beforeAll(async () => {
    server = await startPrivateNatsServer();
    h = await createHarness('restart', server.url);
  });
  afterAll(async () => {
    await h?.cleanup();
    await server?.dispose();
  });

  it('resumes publishing and consuming; nothing lost, nothing applied twice', async () => {
    const subject = h.subject('restart.v1');
    const bus = h.bus({ relay: { pollIntervalMs: 100, retryDelayMs: 100, publishTimeoutMs: 1000 } });
    await bus.subscribe(subject, recordingHandler(), { concurrency: 2 });
    await bus.start();

    const total = 600;
    let written = 0;
    const writer = (async () => {
      while (written < total) {
        await bus.publisher.publishMany(Array.from({ length: 20 }, (_, i) => ({ type: subject, data: { i: written + i }, orgid: null })));
        written += 20;
        await new Promise((r) => setTimeout(r, 15));
      }
    })();

    await waitFor(async () => (await h.appliedCounts()).total > 100, 10_000, 'first events applied');
    await server.stop();
    await new Promise((r) => setTimeout(r, 500)); // events keep landing in the outbox meanwhile
    await server.start();
    await writer;

    await waitFor(async () => (await h.appliedCounts()).distinct === total, 40_000, 'every event applied');
    const counts = await h.appliedCounts();
    expect(counts).toEqual({ total, distinct: total, maxPerEvent: 1 });
    const [{ unsent }] = await h.db.dataSource.query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
    expect(unsent).toBe(0);
    await bus.stop();
  });
});
