import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner, type Repository } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { asOrgId, pageRequest, TenantRepository, type OrgId, type Page } from '../src';

@Entity({ name: 'keyset_rows' })
class KeysetRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

class CreateKeysetRows1700000000000 implements MigrationInterface {
  name = 'CreateKeysetRows1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE keyset_rows (id uuid PRIMARY KEY, organization_id uuid NOT NULL, created_at timestamptz NOT NULL)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE keyset_rows');
  }
}

class KeysetRows extends TenantRepository<KeysetRow> {
  constructor(repo: Repository<KeysetRow>) {
    super(repo);
  }

  widened(orgId: OrgId): unknown {
    return this.scopedQuery(orgId, 'r').orWhere('true');
  }
}

const ORG = asOrgId('0190a000-0000-7000-8000-00000000000a');
const OTHER = asOrgId('0190b000-0000-7000-8000-00000000000b');
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

// Microseconds a JS Date cannot hold, and ties on created_at that only the id orders.
const ROWS: Array<[string, string]> = [
  [id(1), '2026-01-01 00:00:00.123001+00'],
  [id(2), '2026-01-01 00:00:00.123002+00'],
  [id(3), '2026-01-01 00:00:00.123002+00'],
  [id(4), '2026-01-01 00:00:00.123999+00'],
  [id(5), '2026-01-01 00:00:00.124+00'],
  [id(6), '2026-01-01 00:00:00.124+00'],
  [id(7), '2026-01-01 00:00:01+00'],
];

describe('keyset pages over Postgres (TenantRepository.findPage)', () => {
  let db: TestDatabase;
  let rows: KeysetRows;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'p_keyset', entities: [KeysetRow], migrations: [CreateKeysetRows1700000000000] });
    rows = new KeysetRows(db.dataSource.getRepository(KeysetRow));
    for (const [rowId, at] of ROWS) {
      await db.dataSource.query('INSERT INTO keyset_rows (id, organization_id, created_at) VALUES ($1, $2, $3)', [rowId, ORG, at]);
    }
    await db.dataSource.query('INSERT INTO keyset_rows (id, organization_id, created_at) VALUES ($1, $2, now())', [id(99), OTHER]);
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  async function walk(limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page: Page<KeysetRow> = await rows.findPage(ORG, pageRequest(limit, cursor));
      seen.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error('the pages never ended');
  }

  it.each([1, 2, 3, 7, 50])('pages of %i walk every row of the organization once, newest first by (created_at, id)', async (limit) => {
    await expect(walk(limit)).resolves.toEqual([id(7), id(6), id(5), id(4), id(3), id(2), id(1)]);
  });

  it("puts Postgres' own microseconds in the cursor", async () => {
    const page = await rows.findPage(ORG, pageRequest(4, undefined));
    const [at] = JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString()) as [string, string];
    expect(at).toBe('2026-01-01T00:00:00.123999Z');
  });

  it('refuses to widen the organization filter of a scoped query', () => {
    expect(() => rows.widened(ORG)).toThrow(/organization filter/);
  });
});
