import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { afterCommit, inTransaction, outsideTransaction } from '../src';

// afterCommit: the callback runs once the transaction has committed — another connection sees what it
// wrote — and never when it rolls back. Real Postgres.
describe('afterCommit / inTransaction', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'aftc', entities: [], migrations: [] });
    await db.dataSource.query('CREATE TABLE after_commit_rows (id int PRIMARY KEY)');
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it('runs the callback after the commit, when another connection sees the row', async () => {
    const seen: number[] = [];
    const done = new Promise<void>((resolve) =>
      void inTransaction(db.dataSource, async (tx) => {
        await tx.query('INSERT INTO after_commit_rows (id) VALUES (1)');
        afterCommit(tx, () => {
          void db.dataSource.query('SELECT count(*)::int AS n FROM after_commit_rows WHERE id = 1').then((r: Array<{ n: number }>) => {
            seen.push(r[0]!.n);
            resolve();
          });
        });
        // Still inside: nobody else sees it yet.
        const outside: Array<{ n: number }> = await outsideTransaction(() => db.dataSource.query('SELECT count(*)::int AS n FROM after_commit_rows WHERE id = 1'));
        seen.push(outside[0]!.n);
      }),
    );
    await done;
    expect(seen).toEqual([0, 1]);
  });

  it('never runs it when the transaction rolls back', async () => {
    const ran = jest.fn();
    await expect(
      inTransaction(db.dataSource, async (tx) => {
        await tx.query('INSERT INTO after_commit_rows (id) VALUES (2)');
        afterCommit(tx, ran);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).not.toHaveBeenCalled();
  });
});
