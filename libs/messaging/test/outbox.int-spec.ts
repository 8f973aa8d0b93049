import { jetstreamManager } from '@nats-io/jetstream';
import { waitFor } from '@santral/testing';
import { createHarness, Harness, recordingHandler } from './harness';

jest.setTimeout(30_000);

describe('transactional outbox and relay', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('outbox');
  });
  afterEach(async () => {
    await h.stopBuses();
  });
  afterAll(async () => {
    await h.cleanup();
  });

  async function streamCount(subject: string): Promise<number> {
    const jsm = await jetstreamManager(h.nc);
    const info = await jsm.streams.info(h.names.stream, { subjects_filter: subject });
    return info.state.subjects?.[subject] ?? 0;
  }

  it('publishes an event only when the writer commits', async () => {
    const subject = h.subject('order.placed.v1');
    const bus = h.bus({ relay: { pollIntervalMs: 60_000 } });
    await bus.subscribe(subject, recordingHandler());
    await bus.start();
    await h.db.dataSource
      .transaction(async (manager) => {
        await bus.publisher.publish(subject, { n: 'rolled back' }, { orgid: null, manager });
        throw new Error('abort');
      })
      .catch(() => undefined);
    const committed = await h.db.dataSource.transaction((manager) => bus.publisher.publish(subject, { n: 1 }, { orgid: null, manager }));
    // The relay polls only every 60 s here: arriving at once proves LISTEN/NOTIFY wakes it.
    await waitFor(async () => (await h.appliedCounts()).total === 1, 5000, 'applied');
    const [row] = await h.db.dataSource.query(`SELECT event_id FROM applied`);
    expect(row.event_id).toBe(committed.id);
    await expect(streamCount(subject)).resolves.toBe(1);
    await bus.stop();
  });

  it('applies an event once when the relay dies between publish and mark-sent', async () => {
    const subject = h.subject('relay.crash.v1');
    let crashes = 0;
    const bus = h.bus({
      relay: {
        pollIntervalMs: 100,
        retryDelayMs: 50,
        afterPublish: () => {
          if (crashes++ < 2) throw new Error('relay killed after publish');
        },
      },
    });
    await bus.subscribe(subject, recordingHandler());
    await bus.start();
    const before = (await h.appliedCounts()).total;
    const env = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(async () => (await h.db.dataSource.query(`SELECT 1 FROM outbox WHERE id = $1 AND sent_at IS NOT NULL`, [env.id])).length === 1, 5000, 'marked sent');
    await waitFor(async () => (await h.appliedCounts()).total === before + 1, 5000, 'applied');
    expect(crashes).toBeGreaterThanOrEqual(3); // published three times in all
    await expect(streamCount(subject)).resolves.toBe(1); // the duplicate window dropped the re-publishes
    await bus.stop();
    const rows = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM applied WHERE event_id = $1`, [env.id]);
    expect(rows[0].n).toBe(1);
  });

  it('never skips a transaction that commits late', async () => {
    const subject = h.subject('late.commit.v1');
    const bus = h.bus({ relay: { pollIntervalMs: 100 } });
    await bus.start();
    const qr = h.db.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    const early = await bus.publisher.publish(subject, { which: 'early seq, late commit' }, { orgid: null, manager: qr.manager });
    const later = await bus.publisher.publish(subject, { which: 'later seq, early commit' }, { orgid: null });
    await waitFor(async () => (await streamCount(subject)) === 1, 5000, 'later event relayed');
    await qr.commitTransaction();
    await qr.release();
    await waitFor(async () => (await streamCount(subject)) === 2, 5000, 'late event relayed');
    // The pass commits its "sent" mark just after the stream's ack.
    await waitFor(async () => (await h.db.dataSource.query(`SELECT id FROM outbox WHERE id IN ($1, $2) AND sent_at IS NULL`, [early.id, later.id])).length === 0, 5000, 'both marked sent');
    await bus.stop();
  });

  it('picks up a late commit far below where the relay has got to', async () => {
    // A pass reads from just below the highest seq the relay claimed; only the periodic full
    // scan finds a row more than a lookback (1,000 rows) below it.
    const subject = h.subject('late.commit.far.v1');
    const bus = h.bus({ relay: { pollIntervalMs: 100, lingerMs: 0 } });
    await bus.start();
    const qr = h.db.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    const early = await bus.publisher.publish(subject, { which: 'early seq, late commit' }, { orgid: null, manager: qr.manager });
    await bus.publisher.publishMany(Array.from({ length: 1500 }, (_, i) => ({ type: subject, data: { i }, orgid: null })));
    await waitFor(async () => (await streamCount(subject)) === 1500, 10_000, '1,500 later events relayed');
    await qr.commitTransaction();
    await qr.release();
    await waitFor(async () => (await streamCount(subject)) === 1501, 5000, 'late event relayed');
    await waitFor(async () => (await h.db.dataSource.query(`SELECT id FROM outbox WHERE id = $1 AND sent_at IS NULL`, [early.id])).length === 0, 5000, 'marked sent');
    await bus.stop();
  });

  it('hands pooled connections back with synchronous_commit on, even after a failed pass', async () => {
    // The relay commits its passes asynchronously; the setting must not leak to the writers
    // that get the connection next (their commits must be durable before they answer).
    const subject = h.subject('sync.commit.v1');
    let failures = 0;
    const bus = h.bus({ relay: { pollIntervalMs: 50, retryDelayMs: 20, afterPublish: () => { if (failures++ < 1) throw new Error('publish step failed'); } } });
    await bus.start();
    await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(async () => (await streamCount(subject)) === 1 && failures >= 2, 5000, 'relayed after one failure');
    await bus.stop();
    const pool = (h.db.dataSource.driver as unknown as { master: import('pg').Pool }).master;
    const clients = await Promise.all(Array.from({ length: pool.totalCount || 1 }, () => pool.connect()));
    try {
      for (const c of clients) await expect(c.query('SHOW synchronous_commit')).resolves.toMatchObject({ rows: [{ synchronous_commit: 'on' }] });
    } finally {
      for (const c of clients) c.release();
    }
  });

  it('survives Postgres closing the connection it holds between passes (a restart), and relays the next events', async () => {
    const subject = h.subject('server.restart.v1');
    const bus = h.bus({ relay: { pollIntervalMs: 50, retryDelayMs: 20 } });
    await bus.start();
    await bus.publisher.publish(subject, { n: 1 }, { orgid: null });
    await waitFor(async () => (await streamCount(subject)) === 1, 5000, 'first relayed');
    // What a restart does to every open connection: the server ends it (57P01). The relay's is idle
    // between passes, checked out of the pool, so an unheard 'error' would end this process.
    const [{ app }] = await h.db.dataSource.query(`SELECT application_name AS app FROM pg_stat_activity WHERE pid = pg_backend_pid()`);
    const ended: Array<{ ok: boolean }> = await h.db.dataSource.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid() AND state = 'idle'`,
      [app],
    );
    expect(ended.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    await bus.publisher.publish(subject, { n: 2 }, { orgid: null });
    await waitFor(async () => (await streamCount(subject)) === 2, 10_000, 'relayed after the connection was ended');
    await bus.stop();
  });

  it('lets two relays share the outbox without publishing a row twice', async () => {
    const subject = h.subject('two.relays.v1');
    const claimed = { a: 0, b: 0 };
    const relay = (key: 'a' | 'b') => ({ batchSize: 20, pollIntervalMs: 50, afterPublish: (ids: string[]) => void (claimed[key] += ids.length) });
    const a = h.bus({ relay: relay('a') });
    const b = h.bus({ relay: relay('b') });
    await a.start();
    await b.start();
    await a.publisher.publishMany(Array.from({ length: 400 }, (_, i) => ({ type: subject, data: { i }, orgid: null })));
    await waitFor(async () => (await streamCount(subject)) === 400, 10_000, '400 relayed');
    await waitFor(() => claimed.a + claimed.b >= 400, 5000, 'claims counted');
    expect(claimed.a + claimed.b).toBe(400);
    await a.stop();
    await b.stop();
  });

  it('prunes sent rows after their retention', async () => {
    const subject = h.subject('prune.v1');
    const bus = h.bus({ relay: { pollIntervalMs: 100, retainSentMs: 0 } });
    await bus.start();
    const env = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(async () => (await streamCount(subject)) === 1, 5000, 'relayed');
    await waitFor(async () => (await h.db.dataSource.query(`SELECT id FROM outbox WHERE id = $1`, [env.id])).length === 0, 5000, 'row deleted');
    await bus.stop();
    const kept = h.bus({ relay: { pollIntervalMs: 100, retainSentMs: 60_000 } });
    await kept.start();
    const old = await kept.publisher.publish(subject, {}, { orgid: null });
    await waitFor(async () => (await streamCount(subject)) === 2, 5000, 'relayed');
    await h.db.dataSource.query(`UPDATE outbox SET sent_at = now() - interval '2 minutes' WHERE id = $1`, [old.id]);
    await expect(kept.pruner!.pruneOnce()).resolves.toMatchObject({ outbox: 1 });
    await expect(h.db.dataSource.query(`SELECT id FROM outbox WHERE id = $1`, [old.id])).resolves.toEqual([]);
    await kept.stop();
    await bus.stop();
  });
});
