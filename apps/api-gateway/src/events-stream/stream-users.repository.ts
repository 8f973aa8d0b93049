import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TenantRepository, type OrgId } from '@santral/persistence';
import { Repository } from 'typeorm';
import type { Role } from '../auth/role';
import { UserEntity } from '../users/user.entity';
import type { StreamUsersPort } from './stream-users.port';

@Injectable()
export class StreamUsersRepository extends TenantRepository<UserEntity> implements StreamUsersPort {
  constructor(@InjectRepository(UserEntity) repo: Repository<UserEntity>) {
    super(repo);
  }

  async roleOf(orgId: OrgId, userId: string): Promise<Role | undefined> {
    const rows = await this.sql<{ role: Role }>(orgId, 'SELECT role FROM users WHERE organization_id = $1 AND id = $2::uuid', [userId]);
    return rows[0]?.role;
  }
}
