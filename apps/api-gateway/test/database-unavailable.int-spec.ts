import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { expectProblem, startGateway, type Gateway } from './gateway-harness';

jest.setTimeout(60_000);

/**
 * A database that cannot give a connection in time (every pooled connection busy) answers 503
 * SERVICE_UNAVAILABLE, never 500: nothing ran, so the client may retry, and an Idempotency-Key
 * used on the refused request is free for that retry.
 */
describe('gateway with an exhausted database pool (real Postgres)', () => {
  let gw: Gateway;
  let key: string;
  let held: QueryRunner[] = [];

  beforeAll(async () => {
    gw = await startGateway('gw_pool', { DB_POOL_SIZE: '3', DB_POOL_ACQUIRE_TIMEOUT_MS: '300' });
    ({ key } = await gw.createOrg({ name: 'Pool' }));
  });
  afterAll(async () => {
    await Promise.all(held.map((r) => r.release().catch(() => undefined)));
    await gw?.close();
  });

  it('answers 503 SERVICE_UNAVAILABLE while the pool is exhausted, and the same Idempotency-Key works once a connection frees up', async () => {
    const idem = randomUUID();
    const create = () => gw.request({ method: 'POST', url: '/v1/api-keys', key, body: { name: 'retry-me', role: 'operator' }, headers: { 'idempotency-key': idem } });
    // Every pooled connection the gateway does not already hold (its outbox relay keeps one) is
    // taken, each in an open transaction, until the pool itself times out.
    const ds = gw.app.get(DataSource);
    for (;;) {
      const runner = ds.createQueryRunner();
      try {
        await runner.startTransaction();
        held.push(runner);
      } catch {
        await runner.release().catch(() => undefined);
        break;
      }
    }
    expect(held.length).toBeGreaterThan(0);
    try {
      expectProblem(await gw.request({ method: 'GET', url: '/v1/api-keys', key }), 503, 'SERVICE_UNAVAILABLE');
      expectProblem(await create(), 503, 'SERVICE_UNAVAILABLE');
    } finally {
      for (const r of held) await r.rollbackTransaction();
      await Promise.all(held.map((r) => r.release()));
      held = [];
    }
    const retried = await create();
    expect(retried.statusCode).toBe(201);
    const names = (await gw.request({ method: 'GET', url: '/v1/api-keys', key })).json().items.map((k: { name: string }) => k.name);
    expect(names.filter((n: string) => n === 'retry-me')).toHaveLength(1);
  });
});
