import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { asOrgId, keysetPage, TenantRepository, type OrgId, type Page, type PageRequest } from '@santral/persistence';
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
    const rows: unknown[] = await this.repo.query(
      `INSERT INTO users (id, organization_id, name, email, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [user.id, orgId, user.name, user.email, user.role, user.createdAt],
    );
    return rows.length === 1;
  }

  async listPage(orgId: OrgId, page: PageRequest): Promise<Page<User>> {
    const qb = this.repo.createQueryBuilder('u').where('u.organization_id = :orgId', { orgId });
    const { items, nextCursor } = await keysetPage(qb, 'u', page);
    return { items: items.map((row) => ({ ...row, organizationId: asOrgId(row.organizationId) })), nextCursor };
  }

  async existingIds(orgId: OrgId, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.repo.query('SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])', [orgId, ids]);
    return rows.map((row) => row.id);
  }
}
