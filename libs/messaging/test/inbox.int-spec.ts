import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { testEnv, waitFor } from '@santral/testing';
import { buildEnvelope, connectNats } from '@santral/messaging';
import { createHarness, Harness, recordingHandler } from './harness';

jest.setTimeout(30_000);

describe('inbox: every event applied once per consumer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('inbox');
  });
  afterAll(async () => {
    await h.cleanup();
  });

  const countFor = async (id: string) =>
    ((await h.db.dataSource.query(`SELECT count(*)::int AS n FROM applied WHERE event_id = $1`, [id])) as Array<{ n: number }>)[0].n;

  it('applies a redelivered copy of an event once (re-published past the duplicate window)', async () => {
    const subject = h.subject('dup.delivery.v1');
    const bus = h.bus();
    await bus.subscribe(subject, recordingHandler());
    await bus.start();
    const env = buildEnvelope({ type: subject, data: { x: 1 }, orgid: null }, 'santral/test');
    const js = jetstream(h.nc);
    const body = JSON.stringify(env);
    // Distinct Nats-Msg-Ids: the stream keeps both copies, as it does once the window has passed.
    await js.publish(subject, body, { msgID: `${env.id}:1` });
    await js.publish(subject, body, { msgID: `${env.id}:2` });
    await waitFor(() => h.outcomes.filter((o) => o.eventId === env.id).length === 2, 5000, 'both copies settled');
    expect(h.outcomes.filter((o) => o.eventId === env.id).map((o) => o.kind).sort()).toEqual(['applied', 'duplicate']);
    await expect(countFor(env.id)).resolves.toBe(1);
    await bus.stop();
  });

  it('drops a re-publish inside the duplicate window and dedups one past it', async () => {
    const subject = h.subject('dup.window.v1');
    const bus = h.bus({ stream: { name: h.names.stream, subjects: [`${h.names.subjectPrefix}.>`], duplicateWindowMs: 300 } });
    await bus.subscribe(subject, recordingHandler());
    await bus.start();
    const env = buildEnvelope({ type: subject, data: {}, orgid: null }, 'santral/test');
    const js = jetstream(h.nc);
    const first = await js.publish(subject, JSON.stringify(env), { msgID: env.id });
    const inside = await js.publish(subject, JSON.stringify(env), { msgID: env.id });
    expect(inside.duplicate).toBe(true);
    await new Promise((r) => setTimeout(r, 400)); // let the window pass
    const past = await js.publish(subject, JSON.stringify(env), { msgID: env.id });
    expect(past.duplicate).toBe(false);
    expect(past.seq).toBeGreaterThan(first.seq);
    await waitFor(() => h.outcomes.filter((o) => o.eventId === env.id).length === 2, 5000, 'both settled');
    await expect(countFor(env.id)).resolves.toBe(1);
    await bus.stop();
  });

  it('dedups copies that land in the same batch', async () => {
    const subject = h.subject('dup.batch.v1');
    const bus = h.bus({ consumer: { batchSize: 50, concurrency: 1 } });
    await bus.start();
    const env = buildEnvelope({ type: subject, data: {}, orgid: null }, 'santral/test');
    const js = jetstream(h.nc);
    await Promise.all([1, 2, 3].map((i) => js.publish(subject, JSON.stringify(env), { msgID: `${env.id}:${i}` })));
    await bus.subscribe(subject, recordingHandler(), { batchSize: 50, concurrency: 1 });
    await waitFor(() => h.outcomes.filter((o) => o.eventId === env.id).length === 3, 5000, 'all copies settled');
    await expect(countFor(env.id)).resolves.toBe(1);
    await bus.stop();
  });

  it('two replicas on the same durable apply each event once in total', async () => {
    const subject = h.subject('replicas.v1');
    const nc2 = await connectNats({ servers: testEnv.natsUrl });
    const byReplica = { a: 0, b: 0 };
    const handler = (k: 'a' | 'b') => async (d: unknown, env: { id: string }, m: Parameters<ReturnType<typeof recordingHandler>>[2]) => {
      byReplica[k]++;
      await recordingHandler(k)(d, env, m);
    };
    const a = h.bus();
    const b = h.bus({}, h.names.service, nc2);
    await a.subscribe(subject, handler('a'), { name: 'replicas' });
    await b.subscribe(subject, handler('b'), { name: 'replicas' });
    await a.start();
    await b.start();
    await a.publisher.publishMany(Array.from({ length: 500 }, (_, i) => ({ type: subject, data: { i }, orgid: null })));
    await waitFor(() => byReplica.a + byReplica.b >= 500, 10_000, '500 applied');
    await a.stop();
    await b.stop();
    const [{ n, d }] = await h.db.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM applied WHERE consumer IN ('a','b')`);
    expect(n).toBe(500);
    expect(d).toBe(n);
    await nc2.drain();
  });

  it('re-creates a deleted durable; the replayed history is applied once', async () => {
    const subject = h.subject('durable.deleted.v1');
    const bus = h.bus();
    await bus.subscribe(subject, recordingHandler('reopen'), { name: 'reopen' });
    await bus.start();
    const first = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(() => h.outcomes.some((o) => o.eventId === first.id && o.kind === 'applied'), 5000, 'first applied');
    const jsm = await jetstreamManager(h.nc);
    await jsm.consumers.delete(h.names.stream, `${h.names.service}__reopen`);
    const second = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(() => h.outcomes.some((o) => o.eventId === second.id && o.kind === 'applied'), 15_000, 'second applied');
    // The new durable starts from the stream's beginning: the first event comes again.
    await waitFor(() => h.outcomes.some((o) => o.eventId === first.id && o.kind === 'duplicate'), 5000, 'first deduplicated');
    const [{ n }] = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM applied WHERE consumer = 'reopen'`);
    expect(n).toBe(2);
    await bus.stop();
  });

  it('batch mode: one handler call per inbox transaction, each event applied once', async () => {
    const subject = h.subject('batch.mode.v1');
    const bus = h.bus();
    const calls: number[] = [];
    await bus.subscribeBatch<{ i: number }>(subject, async (events, manager) => {
      calls.push(events.length);
      await manager.query(`INSERT INTO applied (consumer, event_id) SELECT 'batch', unnest($1::uuid[])`, [events.map((e) => e.envelope.id)]);
    }, { batchSize: 50, concurrency: 1 });
    const envs = await bus.publisher.publishMany(Array.from({ length: 300 }, (_, i) => ({ type: subject, data: { i }, orgid: null })));
    // A copy of one event, as a redelivery past the window would bring it.
    await jetstream(h.nc).publish(subject, JSON.stringify(envs[0]), { msgID: `${envs[0].id}:again` });
    await bus.start();
    await waitFor(() => h.outcomes.filter((o) => o.subject === subject).length === 301, 10_000, 'all settled');
    const [{ n, d }] = await h.db.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM applied WHERE consumer = 'batch'`);
    expect({ n, d }).toEqual({ n: 300, d: 300 });
    expect(Math.max(...calls)).toBeGreaterThan(1);
    expect(Math.max(...calls)).toBeLessThanOrEqual(50);
    await bus.stop();
  });
});
