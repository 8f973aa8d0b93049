import { DomainError } from '@santral/contracts';
import { waitFor } from '@santral/testing';
import { createHarness, Harness, recordingHandler } from './harness';

jest.setTimeout(30_000);

// Issue 9 item 11: a permanent failure is not retried, a hanging handler is not kept alive forever.
describe('handler limits: permanent failures and deadlines', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('limits');
  });
  afterEach(() => h.stopBuses());
  afterAll(() => h.cleanup());

  const outcomesOf = (id: string) => h.outcomes.filter((o) => o.eventId === id);
  const countFor = async (id: string) =>
    ((await h.db.dataSource.query(`SELECT count(*)::int AS n FROM applied WHERE event_id = $1`, [id])) as Array<{ n: number }>)[0].n;

  it('dead-letters a DomainError marked permanent on its first delivery; a plain DomainError is retried', async () => {
    const subject = h.subject('refused.v1');
    const bus = h.bus();
    await bus.subscribe(subject, async (data) => {
      const permanent = (data as { permanent: boolean }).permanent;
      const err = new DomainError('VALIDATION_FAILED', 'this call can never be placed');
      throw permanent ? err.markPermanent() : err;
    });
    await bus.start();
    const permanent = await bus.publisher.publish(subject, { permanent: true }, { orgid: null });
    const transient = await bus.publisher.publish(subject, { permanent: false }, { orgid: null });
    await waitFor(() => outcomesOf(permanent.id).some((o) => o.kind === 'dead-letter'), 10_000, 'permanent dead-lettered');
    expect(outcomesOf(permanent.id).map((o) => [o.kind, o.deliveryCount])).toEqual([['dead-letter', 1]]);
    await waitFor(() => outcomesOf(transient.id).some((o) => o.kind === 'dead-letter'), 10_000, 'transient exhausted');
    expect(outcomesOf(transient.id).map((o) => o.kind)).toEqual(['retry', 'retry', 'dead-letter']);
  });

  it('rolls back and retries a handler past its deadline instead of keeping it alive', async () => {
    const subject = h.subject('hangs.v1');
    const bus = h.bus({ consumer: { maxDeliver: 3, backoff: { initialMs: 50, maxMs: 400, jitter: 0 }, ackWaitMs: 5000, handlerTimeoutMs: 300 } });
    let calls = 0;
    await bus.subscribe(subject, async (d, env, manager) => {
      calls++;
      await recordingHandler()(d, env, manager);
      if (calls === 1) await new Promise(() => undefined); // hangs forever
    });
    await bus.start();
    const env = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(() => outcomesOf(env.id).some((o) => o.kind === 'applied'), 10_000, 'applied after the retry');
    const seen = outcomesOf(env.id);
    expect(seen.map((o) => [o.kind, o.deliveryCount])).toEqual([
      ['retry', 1],
      ['applied', 2],
    ]);
    expect(seen[0]?.error).toMatch(/did not finish within 300 ms/);
    await expect(countFor(env.id)).resolves.toBe(1); // the hung attempt's write was rolled back
  });

  it('cuts a statement that runs past the deadline (statement_timeout of the inbox transaction)', async () => {
    const subject = h.subject('slowsql.v1');
    const bus = h.bus({ consumer: { maxDeliver: 2, backoff: { initialMs: 50, maxMs: 400, jitter: 0 }, ackWaitMs: 5000, handlerTimeoutMs: 300 } });
    let calls = 0;
    await bus.subscribe(subject, async (d, env, manager) => {
      calls++;
      if (calls === 1) await manager.query('SELECT pg_sleep(30)');
      await recordingHandler()(d, env, manager);
    });
    await bus.start();
    const env = await bus.publisher.publish(subject, {}, { orgid: null });
    await waitFor(() => outcomesOf(env.id).some((o) => o.kind === 'applied'), 10_000, 'applied after the retry');
    expect(outcomesOf(env.id).map((o) => o.kind)).toEqual(['retry', 'applied']);
    await expect(countFor(env.id)).resolves.toBe(1);
  });
});
