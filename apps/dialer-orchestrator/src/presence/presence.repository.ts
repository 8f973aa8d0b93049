import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { PresenceStatus } from '@santral/contracts';
import { TenantRepository, type OrgId } from '@santral/persistence';
import type { OperatorPresence } from './operator-presence';
import { OperatorPresenceEntity } from './operator-presence.entity';
import { PresenceStore } from './presence.store';

@Injectable()
export class PresenceRepository extends TenantRepository<OperatorPresenceEntity> implements PresenceStore {
  constructor(@InjectRepository(OperatorPresenceEntity) repo: Repository<OperatorPresenceEntity>) {
    super(repo);
  }

  async put(orgId: OrgId, p: Omit<OperatorPresence, 'updatedAt'>): Promise<OperatorPresence> {
    const [row] = await this.sql<{ user_id: string; status: PresenceStatus; current_call_id: string | null; updated_at: Date }>(
      orgId,
      `INSERT INTO operator_presence (organization_id, user_id, status, current_call_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, user_id) DO UPDATE
         SET status = EXCLUDED.status, current_call_id = EXCLUDED.current_call_id, updated_at = now()
       RETURNING user_id, status, current_call_id, updated_at`,
      [p.userId, p.status, p.currentCallId],
    );
    return { userId: row!.user_id, status: row!.status, currentCallId: row!.current_call_id, updatedAt: row!.updated_at };
  }

  async find(orgId: OrgId, userId: string): Promise<OperatorPresence | null> {
    const row = await this.findOne(orgId, { userId });
    return row ? { userId: row.userId, status: row.status, currentCallId: row.currentCallId, updatedAt: row.updatedAt } : null;
  }
}
