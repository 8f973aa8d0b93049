import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@santral/persistence';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { databaseAnswers } from '../src/service-kit.module';

// Issue 9 item 1: a starved pool fails loudly (an acquisition timeout) and readiness says so.
describe('pool limits: acquisition timeout and readiness of a starved pool', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'kit_pool', entities: [], migrations: [] });
    ds = new DataSource(buildDataSourceOptions({ url: db.url, schema: db.schema, entities: [], migrations: [], poolSize: 1, acquireTimeoutMs: 300 }));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.cleanup();
  });

  /** Holds the only connection in an open transaction until `release` is called. */
  async function holdTheOnlyConnection(): Promise<() => Promise<void>> {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    return async () => {
      await qr.rollbackTransaction();
      await qr.release();
    };
  }

  it('answers while the pool has a free connection', async () => {
    await expect(databaseAnswers(ds, 1000)).resolves.toBeUndefined();
  });

  it('fails a query that cannot get a connection within the acquisition timeout instead of waiting forever', async () => {
    const release = await holdTheOnlyConnection();
    try {
      await expect(ds.query('SELECT 1')).rejects.toThrow(/timeout/i);
    } finally {
      await release();
    }
    await expect(ds.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
  });

  it('reports a starved pool as not ready, with its figures', async () => {
    const release = await holdTheOnlyConnection();
    try {
      await expect(databaseAnswers(ds, 100)).rejects.toThrow(/database pool starved: .*1\/1 connections in use, 1 waiting/);
    } finally {
      await release();
    }
  });
});
