import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { asOrgId, TenantRepository, type OrgId, type Page, type PageRequest } from '@santral/persistence';
import { Repository } from 'typeorm';
import type { User } from './user';
import { UserEntity } from './user.entity';
import type { UsersPort } from './users.port';

@Injectable()
export class UserRepository extends TenantRepository<UserEntity> implements UsersPort {
  constructor(@InjectRepository(UserEntity) repo: Repository<UserEntity>) {
    super(repo);
  }

  async addIfEmailFree(orgId: OrgId, user: User): Promise<boolean> {
    // The unique index on (organization_id, lower(email)) decides, also between concurrent requests.
    const rows = await this.sql(
      orgId,
      `INSERT INTO users (organization_id, id, name, email, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [user.id, user.name, user.email, user.role, user.createdAt],
    );
    return rows.length === 1;
  }

  async listPage(orgId: OrgId, page: PageRequest): Promise<Page<User>> {
    const { items, nextCursor } = await this.findPage(orgId, page);
    return { items: items.map((row) => ({ ...row, organizationId: asOrgId(row.organizationId) })), nextCursor };
  }

  async existingIds(orgId: OrgId, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql<{ id: string }>(orgId, 'SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])', [ids]);
    return rows.map((row) => row.id);
  }
}
