import type {
  EntityManager,
  FindOptionsOrder,
  FindOptionsSelect,
  FindOptionsWhere,
  ObjectLiteral,
  QueryDeepPartialEntity,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { keysetPage } from './keyset';
import type { Page, PageRequest } from './pagination';
import type { OrgId } from './tenant';
import { tenantQuery } from './tenant-sql';

/** The properties of T that hold a string: what can be the organization key. */
export type StringKeyOf<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T] & string;

/** Rows with an `organizationId` may omit the key; any other row names it (organizations: `id`). */
type TenantKeyArg<T> = T extends { organizationId: string } ? [tenantKey?: StringKeyOf<T>] : [tenantKey: StringKeyOf<T>];

export interface TenantFindOptions<T> {
  take?: number;
  order?: FindOptionsOrder<T>;
  select?: FindOptionsSelect<T>;
  /** Row locks last until the transaction ends: pass its manager. */
  lock?: 'pessimistic_read' | 'pessimistic_write';
}

/**
 * Base for repositories of tenant-owned rows. The TypeORM repository is private: a subclass
 * reaches rows only through these primitives, each of which takes the `OrgId` first and adds
 * it to the statement, so a read or write without the organization does not compile. The
 * organization key overrides any value of it in `where`, `row` or `changes`.
 */
export abstract class TenantRepository<T extends ObjectLiteral> {
  readonly #repo: Repository<T>;
  readonly #key: string;

  protected constructor(repo: Repository<T>, ...[tenantKey]: TenantKeyArg<T>) {
    this.#repo = repo;
    this.#key = tenantKey ?? 'organizationId';
  }

  findOne(orgId: OrgId, where: FindOptionsWhere<T>, manager?: EntityManager): Promise<T | null> {
    return this.#with(manager).findOne({ where: this.#scope(orgId, where) });
  }

  /** Reads and locks the row until `manager`'s transaction ends. */
  findOneForUpdate(orgId: OrgId, where: FindOptionsWhere<T>, manager: EntityManager): Promise<T | null> {
    return this.#with(manager).findOne({ where: this.#scope(orgId, where), lock: { mode: 'pessimistic_write' } });
  }

  findMany(orgId: OrgId, where: FindOptionsWhere<T> = {}, opts: TenantFindOptions<T> = {}, manager?: EntityManager): Promise<T[]> {
    const { lock, ...rest } = opts;
    return this.#with(manager).find({ ...rest, where: this.#scope(orgId, where), ...(lock ? { lock: { mode: lock } } : {}) });
  }

  /** One newest-first page, (created_at DESC, id DESC), of the organization's rows. */
  findPage(orgId: OrgId, page: PageRequest, manager?: EntityManager): Promise<Page<T>> {
    return keysetPage(this.scopedQuery(orgId, 'tenant_row', manager), 'tenant_row', page);
  }

  count(orgId: OrgId, where: FindOptionsWhere<T> = {}, manager?: EntityManager): Promise<number> {
    return this.#with(manager).count({ where: this.#scope(orgId, where) });
  }

  /** A plain INSERT (never an upsert): a duplicate key fails. */
  async insert(orgId: OrgId, row: QueryDeepPartialEntity<T>, manager?: EntityManager): Promise<void> {
    await this.#with(manager).insert({ ...row, [this.#key]: orgId } as QueryDeepPartialEntity<T>);
  }

  /** Inserts or updates an entity of the organization; an entity of another one is refused. */
  async save(orgId: OrgId, entity: T, manager?: EntityManager): Promise<T> {
    if (entity[this.#key] !== orgId) throw new Error(`TenantRepository.save: the entity is not of organization ${orgId}`);
    return this.#with(manager).save(entity);
  }

  /** Updates the organization's rows matching `where`; returns how many. The key cannot be changed. */
  async update(orgId: OrgId, where: FindOptionsWhere<T>, changes: QueryDeepPartialEntity<T>, manager?: EntityManager): Promise<number> {
    const { [this.#key]: key, ...rest } = changes as Record<string, unknown>;
    if (key !== undefined && key !== orgId) throw new Error('TenantRepository.update: a row cannot move to another organization');
    const res = await this.#with(manager).update(this.#scope(orgId, where), rest as QueryDeepPartialEntity<T>);
    return res.affected ?? 0;
  }

  async delete(orgId: OrgId, where: FindOptionsWhere<T>, manager?: EntityManager): Promise<number> {
    const res = await this.#with(manager).delete(this.#scope(orgId, where));
    return res.affected ?? 0;
  }

  /**
   * A query builder over `alias` already filtered by the organization. Add conditions with
   * `andWhere`: `where`, `orWhere` and `whereInIds` would replace or widen the filter, so they throw.
   */
  protected scopedQuery(orgId: OrgId, alias: string, manager?: EntityManager): SelectQueryBuilder<T> {
    const repo = this.#with(manager);
    const column = repo.metadata.findColumnWithPropertyName(this.#key)?.databaseName ?? this.#key;
    const qb = repo.createQueryBuilder(alias).where(`${alias}.${column} = :tenantOrgId`, { tenantOrgId: orgId });
    for (const method of ['where', 'orWhere', 'whereInIds'] as const) {
      qb[method] = () => {
        throw new Error(`scopedQuery: ${method}() would drop the organization filter; use andWhere()`);
      };
    }
    return qb;
  }

  /** Raw SQL in this repository's connection (or `manager`'s transaction): the organization is `$1`. */
  protected sql<R = Record<string, unknown>>(orgId: OrgId, sql: string, params: readonly unknown[] = [], manager?: EntityManager): Promise<R[]> {
    return tenantQuery<R>(manager ?? this.#repo.manager, orgId, sql, params);
  }

  /**
   * The one read without an organization, for a lookup whose key is what names the
   * organization (an API key's hash, a webhook's account id). Keep its callers few and named.
   */
  protected findOneAcrossOrganizations(where: FindOptionsWhere<T>): Promise<T | null> {
    return this.#repo.findOne({ where });
  }

  #scope(orgId: OrgId, where: FindOptionsWhere<T>): FindOptionsWhere<T> {
    return { ...where, [this.#key]: orgId } as FindOptionsWhere<T>;
  }

  #with(manager?: EntityManager): Repository<T> {
    return manager ? manager.getRepository<T>(this.#repo.target) : this.#repo;
  }
}
