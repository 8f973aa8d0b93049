import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { asOrgId, keysetPage, TenantRepository, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import { IsNull, Repository } from 'typeorm';
import type { ApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import type { ApiKeysPort } from './api-keys.port';

@Injectable()
export class ApiKeyRepository extends TenantRepository<ApiKeyEntity> implements ApiKeysPort {
  constructor(@InjectRepository(ApiKeyEntity) repo: Repository<ApiKeyEntity>) {
    super(repo);
  }

  async add(orgId: OrgId, key: ApiKey & { keyHash: string }, tx?: Tx): Promise<void> {
    await this.with(tx).insert({ ...key, organizationId: orgId });
  }

  async getById(orgId: OrgId, id: string, tx?: Tx): Promise<ApiKey | null> {
    const row = await this.findOne(orgId, { id }, tx);
    return row ? toApiKey(row) : null;
  }

  async listPage(orgId: OrgId, page: PageRequest): Promise<Page<ApiKey>> {
    const qb = this.repo.createQueryBuilder('k').where('k.organization_id = :orgId', { orgId });
    const { items, nextCursor } = await keysetPage(qb, 'k', page);
    return { items: items.map(toApiKey), nextCursor };
  }

  async lockActiveAdminIds(orgId: OrgId, tx: Tx): Promise<string[]> {
    const rows = await this.with(tx).find({
      select: { id: true },
      where: this.scope(orgId, { role: 'admin', revokedAt: IsNull() }),
      lock: { mode: 'pessimistic_write' },
    });
    return rows.map((r) => r.id);
  }

  async markRevoked(orgId: OrgId, id: string, at: Date, tx: Tx): Promise<void> {
    await this.with(tx).update(this.scope(orgId, { id, revokedAt: IsNull() }), { revokedAt: at });
  }

  async findByHash(keyHash: string): Promise<ApiKey | null> {
    const row = await this.repo.findOne({ where: { keyHash } });
    return row ? toApiKey(row) : null;
  }
}

function toApiKey(row: ApiKeyEntity): ApiKey {
  return {
    id: row.id,
    organizationId: asOrgId(row.organizationId),
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
