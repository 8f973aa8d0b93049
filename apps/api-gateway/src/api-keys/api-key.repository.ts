import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { asOrgId, TenantRepository, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
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
    await this.insert(orgId, key, tx);
  }

  async getById(orgId: OrgId, id: string, tx?: Tx): Promise<ApiKey | null> {
    const row = await this.findOne(orgId, { id }, tx);
    return row ? toApiKey(row) : null;
  }

  async listPage(orgId: OrgId, page: PageRequest): Promise<Page<ApiKey>> {
    const { items, nextCursor } = await this.findPage(orgId, page);
    return { items: items.map(toApiKey), nextCursor };
  }

  async lockActiveAdminIds(orgId: OrgId, tx: Tx): Promise<string[]> {
    const rows = await this.findMany(orgId, { role: 'admin', revokedAt: IsNull() }, { select: { id: true }, lock: 'pessimistic_write' }, tx);
    return rows.map((r) => r.id);
  }

  async markRevoked(orgId: OrgId, id: string, at: Date, tx: Tx): Promise<void> {
    await this.update(orgId, { id, revokedAt: IsNull() }, { revokedAt: at }, tx);
  }

  findByHash(keyHash: string): Promise<ApiKey | null> {
    return this.findOneAcrossOrganizations({ keyHash }).then((row) => (row ? toApiKey(row) : null));
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
