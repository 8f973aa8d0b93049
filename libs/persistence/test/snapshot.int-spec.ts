import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { outsideTransaction, TypeOrmTransactionRunner } from '../src';

class CreateSnapRows1700000000002 implements MigrationInterface {
  name = 'CreateSnapRows1700000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE snap_parent (id int PRIMARY KEY, status text NOT NULL); CREATE TABLE snap_child (parent_id int NOT NULL, body text NOT NULL)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE snap_child; DROP TABLE snap_parent');
  }
}

// TransactionRunner.snapshot: reads that must agree see one snapshot (real Postgres). Found by
// tickets-callback §8: a ticket's detail read its status, then its messages, and a settlement
// committing in between showed the new message with the old status.
describe('TransactionRunner.snapshot', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'snap', entities: [], migrations: [CreateSnapRows1700000000002] });
    await db.dataSource.query(`INSERT INTO snap_parent VALUES (1, 'open')`);
  });
  afterAll(() => db?.cleanup());

  it('a write committed between two reads is in neither; run() (read committed) would show it in the second; nothing can be written in it', async () => {
    const runner = new TypeOrmTransactionRunner(db.dataSource);
    const settle = () => outsideTransaction(() => db.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE snap_parent SET status = 'pending' WHERE id = 1`);
      await tx.query(`INSERT INTO snap_child VALUES (1, 'answered')`);
    })); // another connection, as another service replica's commit
    const read = (tx: { query: (sql: string) => Promise<unknown> }, between: () => Promise<unknown>) => async () => {
      const [parent] = (await tx.query(`SELECT status FROM snap_parent WHERE id = 1`)) as Array<{ status: string }>;
      await between();
      const children = (await tx.query(`SELECT body FROM snap_child WHERE parent_id = 1`)) as Array<{ body: string }>;
      return { status: parent!.status, children: children.map((c) => c.body) };
    };
    await expect(runner.snapshot((tx) => read(tx, settle)())).resolves.toEqual({ status: 'open', children: [] });
    await expect(runner.snapshot((tx) => read(tx, async () => undefined)())).resolves.toEqual({ status: 'pending', children: ['answered'] });
    // The unsafe way it was: the second read sees the later commit, the first did not.
    await db.dataSource.query(`UPDATE snap_parent SET status = 'open' WHERE id = 1; DELETE FROM snap_child`);
    await expect(runner.run((tx) => read(tx, settle)())).resolves.toEqual({ status: 'open', children: ['answered'] });
    await expect(runner.snapshot((tx) => tx.query(`INSERT INTO snap_child VALUES (1, 'no')`))).rejects.toMatchObject({ code: '25006' });
  });
});
