import { DeepPartial, EntityManager, FindOptionsOrder, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { OrgId } from './tenant';

/**
 * Base for repositories of tenant-owned rows: every read and write is filtered by the
 * organization id, which is a required first argument. Entities must have an
 * `organizationId` column.
 */
export abstract class TenantRepository<T extends ObjectLiteral & { organizationId: string }> {
  protected constructor(protected readonly repo: Repository<T>) {}

  protected scope(orgId: OrgId, where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, organizationId: orgId } as FindOptionsWhere<T>;
  }

  protected with(manager?: EntityManager): Repository<T> {
    return manager ? manager.getRepository<T>(this.repo.target) : this.repo;
  }

  findOne(orgId: OrgId, where: FindOptionsWhere<T>, manager?: EntityManager): Promise<T | null> {
    return this.with(manager).findOne({ where: this.scope(orgId, where) });
  }

  findMany(
    orgId: OrgId,
    where: FindOptionsWhere<T> = {},
    opts: { take?: number; order?: FindOptionsOrder<T> } = {},
    manager?: EntityManager,
  ): Promise<T[]> {
    return this.with(manager).find({ where: this.scope(orgId, where), take: opts.take, order: opts.order });
  }

  async insert(orgId: OrgId, row: DeepPartial<T>, manager?: EntityManager): Promise<T> {
    const repo = this.with(manager);
    const entity = repo.create({ ...row, organizationId: orgId } as DeepPartial<T>);
    return repo.save(entity);
  }

  async delete(orgId: OrgId, where: FindOptionsWhere<T>, manager?: EntityManager): Promise<number> {
    const res = await this.with(manager).delete(this.scope(orgId, where));
    return res.affected ?? 0;
  }
}
