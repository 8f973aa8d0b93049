import type { EntityManager, Repository } from 'typeorm';
import { asOrgId, type OrgId } from './tenant';
import { TenantRepository } from './tenant-repository';

interface Row {
  id: string;
  organizationId: string;
  name: string;
}

interface OrgRow {
  id: string;
  name: string;
}

const ORG = asOrgId('0190a000-0000-7000-8000-00000000000a');
const OTHER = asOrgId('0190b000-0000-7000-8000-00000000000b');

/** Records what reaches TypeORM: each call's method and arguments. */
function fakeTypeOrm<T extends object>(): { repo: Repository<T>; calls: Array<[string, unknown[]]> } {
  const calls: Array<[string, unknown[]]> = [];
  const record =
    (method: string, answer: unknown) =>
    (...args: unknown[]) => {
      calls.push([method, args]);
      return Promise.resolve(answer);
    };
  const repo = {
    target: 'rows',
    findOne: record('findOne', null),
    find: record('find', []),
    count: record('count', 0),
    insert: record('insert', {}),
    save: record('save', {}),
    update: record('update', { affected: 2 }),
    delete: record('delete', { affected: 1 }),
    manager: { query: record('query', []) },
  } as unknown as Repository<T>;
  return { repo, calls };
}

class Rows extends TenantRepository<Row> {
  constructor(repo: Repository<Row>) {
    super(repo);
  }

  raw(orgId: OrgId, sql: string): Promise<unknown[]> {
    return this.sql(orgId, sql);
  }
}

class Organizations extends TenantRepository<OrgRow> {
  constructor(repo: Repository<OrgRow>) {
    super(repo, 'id');
  }
}

describe('TenantRepository', () => {
  it('adds the organization to every read, overriding one given in where', async () => {
    const { repo, calls } = fakeTypeOrm<Row>();
    const rows = new Rows(repo);
    await rows.findOne(ORG, { id: 'x', organizationId: OTHER });
    await rows.findMany(ORG, { name: 'a' }, { take: 5, lock: 'pessimistic_write' });
    await rows.count(ORG);
    expect(calls).toEqual([
      ['findOne', [{ where: { id: 'x', organizationId: ORG } }]],
      ['find', [{ take: 5, where: { name: 'a', organizationId: ORG }, lock: { mode: 'pessimistic_write' } }]],
      ['count', [{ where: { organizationId: ORG } }]],
    ]);
  });

  it('writes the organization into inserts and scopes updates and deletes by it', async () => {
    const { repo, calls } = fakeTypeOrm<Row>();
    const rows = new Rows(repo);
    await rows.insert(ORG, { id: 'x', name: 'a', organizationId: OTHER });
    await expect(rows.update(ORG, { id: 'x' }, { name: 'b' })).resolves.toBe(2);
    await expect(rows.delete(ORG, { id: 'x' })).resolves.toBe(1);
    expect(calls).toEqual([
      ['insert', [{ id: 'x', name: 'a', organizationId: ORG }]],
      ['update', [{ id: 'x', organizationId: ORG }, { name: 'b' }]],
      ['delete', [{ id: 'x', organizationId: ORG }]],
    ]);
  });

  it('refuses to move a row to another organization or to save another organization\'s entity', async () => {
    const { repo, calls } = fakeTypeOrm<Row>();
    const rows = new Rows(repo);
    await expect(rows.update(ORG, { id: 'x' }, { organizationId: OTHER })).rejects.toThrow(/another organization/);
    await expect(rows.save(ORG, { id: 'x', name: 'a', organizationId: OTHER })).rejects.toThrow(/not of organization/);
    expect(calls).toEqual([]);
  });

  it("joins the caller's transaction when given its manager", async () => {
    const { repo } = fakeTypeOrm<Row>();
    const inTx = fakeTypeOrm<Row>();
    const manager = { getRepository: () => inTx.repo } as unknown as EntityManager;
    await new Rows(repo).findOne(ORG, { id: 'x' }, manager);
    expect(inTx.calls).toEqual([['findOne', [{ where: { id: 'x', organizationId: ORG } }]]]);
  });

  it('scopes by another key when the row is the organization itself', async () => {
    const { repo, calls } = fakeTypeOrm<OrgRow>();
    await new Organizations(repo).findOne(ORG, {});
    expect(calls).toEqual([['findOne', [{ where: { id: ORG } }]]]);
  });

  it('runs raw SQL with the organization as $1', async () => {
    const { repo, calls } = fakeTypeOrm<Row>();
    await new Rows(repo).raw(ORG, 'SELECT 1 FROM rows WHERE organization_id = $1');
    expect(calls).toEqual([['query', ['SELECT 1 FROM rows WHERE organization_id = $1', [ORG]]]]);
  });

  it('does not compile a call without an OrgId, nor a reach for the TypeORM repository (type test)', () => {
    const { repo } = fakeTypeOrm<Row>();
    const rows = new Rows(repo);
    const plain: string = ORG;
    const typeErrors = () => {
      // @ts-expect-error a plain string is not an OrgId
      void rows.findOne(plain, { id: 'x' });
      // @ts-expect-error a plain string is not an OrgId
      void rows.findMany(plain);
      // @ts-expect-error a plain string is not an OrgId
      void rows.insert(plain, { id: 'x', name: 'a' });
      // @ts-expect-error a plain string is not an OrgId
      void rows.update(plain, { id: 'x' }, { name: 'b' });
      // @ts-expect-error a plain string is not an OrgId
      void rows.delete(plain, { id: 'x' });
      // @ts-expect-error a plain string is not an OrgId
      void rows.raw(plain, 'SELECT 1 WHERE $1');
      // @ts-expect-error the TypeORM repository is private to TenantRepository
      void rows.repo;
      // @ts-expect-error the unscoped lookup is for subclasses only
      void rows.findOneAcrossOrganizations({ id: 'x' });
      // @ts-expect-error so is the query builder
      void rows.scopedQuery(ORG, 'r');
    };
    expect(typeErrors).toBeInstanceOf(Function);
  });
});

class WithoutKey extends TenantRepository<OrgRow> {
  constructor(repo: Repository<OrgRow>) {
    // @ts-expect-error a row without organizationId must name its organization key
    super(repo);
  }
}
void WithoutKey;
