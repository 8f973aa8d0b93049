import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { asOrgId, pgPoolOf, preparedQuery, tenantQuery } from '../src';

class CreateRows1700000000001 implements MigrationInterface {
  name = 'CreateRows1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE prepared_rows (id int PRIMARY KEY, organization_id uuid NOT NULL, label text NOT NULL)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE prepared_rows');
  }
}

// preparedQuery: inside a transaction a statement is prepared once per connection and reused; the
// answers are the rows, whatever the command; errors keep the driver's code; on a DataSource it is
// prepared on the pool's connections. Real Postgres.
describe('preparedQuery / tenantQuery run as prepared statements (a transaction, a pool)', () => {
  let db: TestDatabase;
  const org = asOrgId('0190e000-0000-7000-8000-0000000000aa');
  const other = asOrgId('0190e000-0000-7000-8000-0000000000bb');

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'prep', entities: [], migrations: [CreateRows1700000000001] });
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  const prepared = (tx: { query: (sql: string) => Promise<unknown> }) =>
    tx.query(`SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%prepared_rows%' AND statement NOT LIKE '%pg_prepared_statements%'`) as Promise<Array<{ statement: string }>>;

  it('prepares a statement once on its connection and runs it again by name; answers rows for INSERT, UPDATE and DELETE … RETURNING', async () => {
    await db.dataSource.transaction(async (tx) => {
      for (let i = 1; i <= 3; i++) {
        await expect(tenantQuery(tx, org, `INSERT INTO prepared_rows (id, organization_id, label) VALUES ($2, $1, $3) RETURNING id`, [i, `row ${i}`])).resolves.toEqual([{ id: i }]);
      }
      await tenantQuery(tx, other, `INSERT INTO prepared_rows (id, organization_id, label) VALUES ($2, $1, $3) RETURNING id`, [9, 'theirs']);
      const statements = await prepared(tx);
      expect(statements.map((s) => s.statement)).toEqual([`INSERT INTO prepared_rows (id, organization_id, label) VALUES ($2, $1, $3) RETURNING id`]);
      // UPDATE … RETURNING: the rows, never TypeORM's [rows, count]; none matched → [].
      await expect(tenantQuery(tx, org, `UPDATE prepared_rows SET label = $3 WHERE organization_id = $1 AND id = $2 RETURNING label`, [2, 'two'])).resolves.toEqual([{ label: 'two' }]);
      await expect(tenantQuery(tx, org, `UPDATE prepared_rows SET label = $3 WHERE organization_id = $1 AND id = $2 RETURNING label`, [9, 'not mine'])).resolves.toEqual([]);
      await expect(tenantQuery(tx, org, `DELETE FROM prepared_rows WHERE organization_id = $1 AND id = $2 RETURNING id`, [3])).resolves.toEqual([{ id: 3 }]);
      await expect(preparedQuery(tx, `SELECT count(*)::int AS n FROM prepared_rows`)).resolves.toEqual([{ n: 3 }]);
      expect((await prepared(tx)).length).toBe(4);
    });
  });

  it('keeps the driver error (its SQLSTATE code) and rolls the transaction back', async () => {
    await expect(
      db.dataSource.transaction(async (tx) => {
        await tenantQuery(tx, org, `INSERT INTO prepared_rows (id, organization_id, label) VALUES ($2, $1, $3)`, [10, 'ten']);
        await tenantQuery(tx, org, `INSERT INTO prepared_rows (id, organization_id, label) VALUES ($2, $1, $3)`, [10, 'ten again']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(db.dataSource.query(`SELECT count(*)::int AS n FROM prepared_rows WHERE id = 10`)).resolves.toEqual([{ n: 0 }]);
  });

  it('on a DataSource (no transaction) runs as a named statement on the pool: prepared once per pooled connection, rows for every command', async () => {
    const sql = `SELECT label FROM prepared_rows WHERE organization_id = $1 AND id = $2 /* on the pool */`;
    for (let i = 0; i < 3; i++) await expect(tenantQuery(db.dataSource, org, sql, [1])).resolves.toEqual([{ label: 'row 1' }]);
    await expect(tenantQuery(db.dataSource, org, `UPDATE prepared_rows SET label = $3 WHERE organization_id = $1 AND id = $2 RETURNING label`, [1, 'one'])).resolves.toEqual([{ label: 'one' }]);
    await expect(tenantQuery(db.dataSource, org, `SELECT label FROM prepared_rows WHERE organization_id = $1 AND id = $2 /* on the pool */`, [2])).resolves.toEqual([{ label: 'two' }]);
    // The pool's connections each hold it at most once (whichever served the calls).
    const held = await Promise.all(
      Array.from({ length: 3 }, () => db.dataSource.transaction((tx) => tx.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [sql]) as Promise<Array<{ n: number }>>)),
    );
    for (const [row] of held) expect(row!.n).toBeLessThanOrEqual(1);
    expect(held.some(([row]) => row!.n === 1)).toBe(true);
    // A driver error keeps its SQLSTATE.
    await expect(tenantQuery(db.dataSource, org, `INSERT INTO prepared_rows (id, organization_id, label) VALUES ($2, $1, $3)`, [1, 'dup'])).rejects.toMatchObject({ code: '23505' });
  });

  it('an EntityManager outside a transaction runs unnamed', async () => {
    await expect(tenantQuery(db.dataSource.manager, org, `SELECT label FROM prepared_rows WHERE organization_id = $1 AND id = $2 /* manager */`, [1])).resolves.toEqual([{ label: 'one' }]);
    const [row] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%/* manager */%' AND statement NOT LIKE '%pg_prepared%'`)) as Array<{ n: number }>;
    expect(row!.n).toBe(0);
  });

  it('on a pooled node-postgres client of its own (an import holding one) answers the rows, not the driver\'s result object', async () => {
    const client = await pgPoolOf(db.dataSource)!.connect();
    try {
      await expect(tenantQuery(client, org, `SELECT label FROM prepared_rows WHERE organization_id = $1 AND id = $2 /* own client */`, [1])).resolves.toEqual([{ label: 'one' }]);
      await expect(tenantQuery(client, org, `UPDATE prepared_rows SET label = label WHERE organization_id = $1 AND id = $2 RETURNING id`, [99])).resolves.toEqual([]);
    } finally {
      client.release();
    }
  });
});
