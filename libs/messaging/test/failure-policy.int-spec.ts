import { jetstream } from '@nats-io/jetstream';
import { waitFor } from '@santral/testing';
import { buildEnvelope, DeadLetters, PayloadValidator } from '@santral/messaging';
import { runDlqCommand } from '../scripts/dlq';
import { createHarness, Harness, recordingHandler } from './harness';

jest.setTimeout(30_000);

describe('failure policy: retries with backoff, then dead letters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('failures');
  });
  afterAll(async () => {
    await h.cleanup();
  });

  const outcomesOf = (id: string) => h.outcomes.filter((o) => o.eventId === id);
  const countFor = async (id: string) =>
    ((await h.db.dataSource.query(`SELECT count(*)::int AS n FROM applied WHERE event_id = $1`, [id])) as Array<{ n: number }>)[0].n;

  it('handler throws twice then succeeds: applied once, nak\'d with growing delays', async () => {
    const subject = h.subject('flaky.v1');
    const bus = h.bus();
    let calls = 0;
    await bus.subscribe(subject, async (d, env, manager) => {
      calls++;
      await recordingHandler()(d, env, manager); // rolled back with the failure
      if (calls <= 2) throw new Error(`transient #${calls}`);
    });
    await bus.start();
    const env = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(() => outcomesOf(env.id).some((o) => o.kind === 'applied'), 10_000, 'applied');
    const seen = outcomesOf(env.id);
    expect(seen.map((o) => [o.kind, o.deliveryCount])).toEqual([
      ['retry', 1],
      ['retry', 2],
      ['applied', 3],
    ]);
    // Backoff is exponential: initial 50 ms, then 100 ms (jitter 0 in this harness).
    expect(seen.filter((o) => o.kind === 'retry').map((o) => o.delayMs)).toEqual([50, 100]);
    await expect(countFor(env.id)).resolves.toBe(1);
    await bus.stop();
  });

  // Found by the chaos suite: a Postgres restart longer than the retries dead-lettered every event
  // that arrived during it. The database being down says nothing about the event.
  it('the database goes away under the handler more times than max_deliver: the delivery is held and tried again, applied once, never dead-lettered', async () => {
    const subject = h.subject('outage.v1');
    const bus = h.bus();
    let calls = 0;
    await bus.subscribe(subject, async (d, env, manager) => {
      calls++;
      await recordingHandler()(d, env, manager);
      // The server ends the inbox transaction's connection, as a restart does (57P01) …
      if (calls <= 3) await manager.query('SELECT pg_terminate_backend(pg_backend_pid())');
      // … or refuses new ones.
      else if (calls <= 5) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });
    await bus.start();
    const env = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(() => outcomesOf(env.id).some((o) => o.kind === 'applied'), 15_000, 'applied');
    const seen = outcomesOf(env.id);
    expect(seen.map((o) => [o.kind, o.deliveryCount])).toEqual([
      ['held', 1], ['held', 1], ['held', 1], ['held', 1], ['held', 1], ['applied', 1],
    ]);
    expect(seen.filter((o) => o.kind === 'held').map((o) => o.delayMs)).toEqual([50, 100, 200, 400, 400]);
    expect(seen[0]!.error).toMatch(/terminating connection/);
    await expect(countFor(env.id)).resolves.toBe(1);
    expect((await bus.deadLetters.list()).filter((l) => l.eventId === env.id)).toEqual([]);
    await bus.stop();
  });

  it('handler always throws: dead-lettered after max_deliver, replay after the fix applies it once', async () => {
    const subject = h.subject('poison.v1');
    const bus = h.bus();
    let broken = true;
    await bus.subscribe(subject, async (d, env, manager) => {
      if (broken) throw new Error('database says no');
      await recordingHandler()(d, env, manager);
    });
    await bus.start();
    const env = await bus.publisher.publish(subject, { amount: 5 }, { orgid: null });
    await waitFor(() => outcomesOf(env.id).some((o) => o.kind === 'dead-letter'), 10_000, 'dead-lettered');
    expect(outcomesOf(env.id).map((o) => o.kind)).toEqual(['retry', 'retry', 'dead-letter']);

    const dlq: DeadLetters = bus.deadLetters;
    const letters = (await dlq.list()).filter((l) => l.eventId === env.id);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      reason: 'handler-failed',
      error: 'database says no',
      deliveries: 3,
      subject,
      consumer: `${h.names.service}__${subject.replace(/\./g, '_')}`,
      body: { id: env.id, data: { amount: 5 } },
    });
    await expect(countFor(env.id)).resolves.toBe(0);

    const printed: string[] = [];
    await expect(runDlqCommand(['list', '--consumer', letters[0].consumer], dlq, (l) => printed.push(l))).resolves.toBe(0);
    expect(printed.map((l) => JSON.parse(l).eventId)).toContain(env.id);

    broken = false;
    printed.length = 0;
    await expect(runDlqCommand(['replay', String(letters[0].id)], dlq, (l) => printed.push(l))).resolves.toBe(0);
    expect(JSON.parse(printed[0])).toMatchObject({ replayed: letters[0].id, eventId: env.id });
    await waitFor(() => outcomesOf(env.id).some((o) => o.kind === 'applied'), 10_000, 'applied after replay');
    await expect(countFor(env.id)).resolves.toBe(1);
    await expect(dlq.get(letters[0].id)).resolves.toBeNull();
    await bus.stop();
  });

  it('dead-letters a payload that fails validation at once, with the reason', async () => {
    const subject = h.subject('validated.v1');
    const validator: PayloadValidator = (_s, data) =>
      typeof (data as { amount?: unknown }).amount === 'number' ? { ok: true, value: data } : { ok: false, errors: ['amount must be a number'] };
    const bus = h.bus({ validator });
    let calls = 0;
    await bus.subscribe(subject, async () => {
      calls++;
    });
    await bus.start();
    const bad = await bus.publisher.publish(subject, { amount: 'ten' }, { orgid: null });
    const good = await bus.publisher.publish(subject, { amount: 10 }, { orgid: null });
    await waitFor(() => outcomesOf(bad.id).length === 1 && outcomesOf(good.id).length === 1, 10_000, 'both settled');
    expect(outcomesOf(bad.id)[0]).toMatchObject({ kind: 'dead-letter', deliveryCount: 1 });
    expect(calls).toBe(1);
    const [letter] = (await bus.deadLetters.list()).filter((l) => l.eventId === bad.id);
    expect(letter).toMatchObject({ reason: 'validation-failed', error: 'amount must be a number', deliveries: 1 });
    await bus.stop();
  });

  it('dead-letters a body that is not an event envelope', async () => {
    const subject = h.subject('garbage.v1');
    const bus = h.bus();
    await bus.subscribe(subject, async () => undefined);
    await bus.start();
    await jetstream(h.nc).publish(subject, 'not json');
    await waitFor(() => h.outcomes.some((o) => o.subject === subject && o.kind === 'dead-letter'), 10_000, 'dead-lettered');
    const letters = (await bus.deadLetters.list()).filter((l) => l.subject === subject);
    expect(letters[0]).toMatchObject({ reason: 'malformed', body: 'not json' });
    await bus.stop();
  });

  it('a handler error in a batch holds back only the failing event', async () => {
    const subject = h.subject('batch.isolation.v1');
    const bus = h.bus({ consumer: { batchSize: 20, concurrency: 1, maxDeliver: 2, backoff: { initialMs: 50, maxMs: 50, jitter: 0 } } });
    const envs = Array.from({ length: 30 }, (_, i) => buildEnvelope({ type: subject, data: { i }, orgid: null }, 'santral/test'));
    const poison = envs[7].id;
    await bus.subscribe(subject, async (d, env, manager) => {
      if (env.id === poison) throw new Error('poison');
      await recordingHandler()(d, env, manager);
    });
    await bus.publisher.publishMany(envs);
    await bus.start();
    await waitFor(() => envs.every((e) => outcomesOf(e.id).some((o) => o.kind === 'applied' || o.kind === 'dead-letter')), 10_000, 'all settled');
    for (const e of envs) await expect(countFor(e.id)).resolves.toBe(e.id === poison ? 0 : 1);
    expect(outcomesOf(poison).map((o) => o.kind)).toEqual(['retry', 'dead-letter']);
    await bus.stop();
  });
});
