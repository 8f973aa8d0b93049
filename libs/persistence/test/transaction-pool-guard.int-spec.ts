import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { guardPool, inTransaction, outsideTransaction, pgPoolOf, SecondConnectionInTransactionError } from '../src';

// The guard against a transaction that asks its own pool for a second connection (the deadlock of a
// small pool: each holder waits for a connection only another holder can free). Real Postgres.
describe('transaction pool guard', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'txg', entities: [], migrations: [] });
    guardPool(pgPoolOf(db.dataSource)!, 'throw');
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it('refuses a query on the pool from inside a transaction, and the transaction rolls back', async () => {
    await db.dataSource.query('CREATE TABLE IF NOT EXISTS guard_rows (id int PRIMARY KEY)');
    await expect(
      inTransaction(db.dataSource, async (tx) => {
        await tx.query('INSERT INTO guard_rows (id) VALUES (1)');
        await db.dataSource.query('SELECT 1'); // forgot the tx
      }),
    ).rejects.toBeInstanceOf(SecondConnectionInTransactionError);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM guard_rows')).toEqual([{ n: 0 }]);
  });

  it('catches it through awaits and nested helpers, not only at the top of the work', async () => {
    const lookup = async () => {
      await new Promise((r) => setTimeout(r, 5));
      return db.dataSource.query('SELECT 1 AS one');
    };
    await expect(inTransaction(db.dataSource, async (tx) => {
      await tx.query('SELECT 1');
      return lookup();
    })).rejects.toThrow('pass the transaction (tx)');
  });

  it('lets the transaction use its own handle, work outside any transaction, and what outlives it', async () => {
    let later: Promise<unknown> | undefined;
    const rows = await inTransaction(db.dataSource, async (tx) => {
      const own = await tx.query('SELECT 2 AS two');
      const deliberate = await outsideTransaction(() => db.dataSource.query('SELECT 3 AS three'));
      // A timer started inside runs after the commit: it is no longer inside the transaction.
      later = new Promise((resolve, reject) => setTimeout(() => void db.dataSource.query('SELECT 4 AS four').then(resolve, reject), 20));
      return [...own, ...deliberate];
    });
    expect(rows).toEqual([{ two: 2 }, { three: 3 }]);
    await expect(later).resolves.toEqual([{ four: 4 }]);
    expect(await db.dataSource.query('SELECT 5 AS five')).toEqual([{ five: 5 }]);
  });

  it('does not mix pools: a query on another data source inside the transaction is not its business', async () => {
    const other = await createTestDatabase({ prefix: 'txg2', entities: [], migrations: [] });
    try {
      guardPool(pgPoolOf(other.dataSource)!, 'throw');
      const rows = await inTransaction(db.dataSource, () => other.dataSource.query('SELECT 6 AS six'));
      expect(rows).toEqual([{ six: 6 }]);
    } finally {
      await other.cleanup();
    }
  });
});
