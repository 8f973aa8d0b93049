import { asOrgId } from './tenant';
import { tenantQuery, tenantsQuery, type Queryable } from './tenant-sql';

const ORG = asOrgId('0190a000-0000-7000-8000-00000000000a');

function recordingDb(rows: unknown[] = []): Queryable & { calls: Array<[string, unknown[] | undefined]> } {
  const calls: Array<[string, unknown[] | undefined]> = [];
  return {
    calls,
    query: async (sql: string, params?: unknown[]) => {
      calls.push([sql, params]);
      return rows;
    },
  };
}

describe('tenantQuery', () => {
  it('sends the organization as $1, ahead of the caller’s own parameters', async () => {
    const db = recordingDb([{ id: 'a' }]);
    await expect(tenantQuery(db, ORG, 'SELECT id FROM t WHERE organization_id = $1 AND kind = $2', ['x'])).resolves.toEqual([{ id: 'a' }]);
    expect(db.calls).toEqual([['SELECT id FROM t WHERE organization_id = $1 AND kind = $2', [ORG, 'x']]]);
  });

  it.each([
    ['no parameter at all', 'SELECT id FROM t'],
    ['only the caller’s parameters', 'SELECT id FROM t WHERE kind = $2'],
    ['$10 and $11, which are not $1', 'SELECT id FROM t WHERE a = $10 AND b = $11'],
  ])('refuses SQL that never reads the organization: %s', async (_name, sql) => {
    const db = recordingDb();
    await expect(tenantQuery(db, ORG, sql)).rejects.toThrow(/\$1/);
    expect(db.calls).toEqual([]);
  });

  it('does not compile without an OrgId (type test)', () => {
    const db = recordingDb();
    const plain: string = ORG;
    const typeErrors = () => {
      // @ts-expect-error a plain string is not an OrgId
      void tenantQuery(db, plain, 'SELECT 1 WHERE $1');
      // @ts-expect-error nor is a value from an untyped body
      void tenantQuery(db, JSON.parse('"x"') as string, 'SELECT 1 WHERE $1');
    };
    expect(typeErrors).toBeInstanceOf(Function);
  });
});

describe('tenantsQuery', () => {
  const OTHER = asOrgId('0190a000-0000-7000-8000-00000000000b');

  it('sends the organizations as $1, one array, ahead of the caller’s own parameters', async () => {
    const db = recordingDb([{ id: 'a' }]);
    const sql = 'SELECT t.id FROM t JOIN unnest($1::uuid[], $2::text[]) AS k(org, kind) ON t.organization_id = k.org AND t.kind = k.kind';
    await expect(tenantsQuery(db, [ORG, OTHER], sql, [['x', 'y']])).resolves.toEqual([{ id: 'a' }]);
    expect(db.calls).toEqual([[sql, [[ORG, OTHER], ['x', 'y']]]]);
  });

  it('refuses SQL that never reads the organizations', async () => {
    const db = recordingDb();
    await expect(tenantsQuery(db, [ORG], 'SELECT id FROM t WHERE kind = ANY($2)', [['x']])).rejects.toThrow(/\$1/);
    expect(db.calls).toEqual([]);
  });

  it('does not compile without OrgIds (type test)', () => {
    const db = recordingDb();
    const typeErrors = () => {
      // @ts-expect-error plain strings are not OrgIds
      void tenantsQuery(db, ['x'], 'SELECT 1 WHERE $1');
    };
    expect(typeErrors).toBeInstanceOf(Function);
  });
});
