import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { asOrgId, TenantRepository, type OrgId } from '@santral/persistence';
import { Repository } from 'typeorm';
import { applyKeysetPage } from '../common/keyset';
import type { PageRequest } from '../common/pagination';
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

  async listPage(orgId: OrgId, page: PageRequest): Promise<User[]> {
    const qb = this.repo.createQueryBuilder('u').where('u.organization_id = :orgId', { orgId });
    const rows = await applyKeysetPage(qb, 'u', page).getMany();
    return rows.map((row) => ({ ...row, organizationId: asOrgId(row.organizationId) }));
  }

  async existingIds(orgId: OrgId, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.repo.query('SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])', [orgId, ids]);
    return rows.map((row) => row.id);
  }
}
