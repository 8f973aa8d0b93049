import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { PresenceStatus } from '@santral/contracts';
import { tenantQuery, TenantRepository, type OrgId, type Tx } from '@santral/persistence';
import type { OperatorPresence } from './operator-presence';
import { OperatorPresenceEntity } from './operator-presence.entity';
import { PresenceStore, type PresenceChange } from './presence.store';

interface Row {
  user_id: string;
  status: PresenceStatus;
  current_call_id: string | null;
  endpoint: string | null;
  updated_at: Date;
}

const RETURNING = 'RETURNING user_id, status, current_call_id, endpoint, updated_at';
const toPresence = (row: Row): OperatorPresence => ({ userId: row.user_id, status: row.status, currentCallId: row.current_call_id, endpoint: row.endpoint, updatedAt: row.updated_at });

@Injectable()
export class PresenceRepository extends TenantRepository<OperatorPresenceEntity> implements PresenceStore {
  constructor(@InjectRepository(OperatorPresenceEntity) repo: Repository<OperatorPresenceEntity>) {
    super(repo);
  }

  async put(orgId: OrgId, p: PresenceChange): Promise<OperatorPresence> {
    const [row] = await this.sql<Row>(
      orgId,
      `INSERT INTO operator_presence (organization_id, user_id, status, current_call_id, endpoint) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, user_id) DO UPDATE
         SET status = EXCLUDED.status, current_call_id = EXCLUDED.current_call_id,
             endpoint = coalesce(EXCLUDED.endpoint, operator_presence.endpoint), updated_at = now()
       ${RETURNING}`,
      [p.userId, p.status, p.currentCallId, p.endpoint ?? null],
    );
    return toPresence(row!);
  }

  async find(orgId: OrgId, userId: string, tx?: Tx): Promise<OperatorPresence | null> {
    const row = await this.findOne(orgId, { userId }, tx);
    return row ? { userId: row.userId, status: row.status, currentCallId: row.currentCallId, endpoint: row.endpoint, updatedAt: row.updatedAt } : null;
  }

  async holdForCall(orgId: OrgId, userId: string, callId: string, tx: Tx): Promise<OperatorPresence | null> {
    const [row] = await tenantQuery<Row>(
      tx,
      orgId,
      `UPDATE operator_presence SET status = 'busy', current_call_id = $3, updated_at = now()
        WHERE organization_id = $1 AND user_id = $2 AND status = 'available' AND current_call_id IS NULL AND endpoint IS NOT NULL
       ${RETURNING}`,
      [userId, callId],
    );
    return row ? toPresence(row) : null;
  }

  async releaseFromCall(orgId: OrgId, userId: string, callId: string, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(
      tx,
      orgId,
      `UPDATE operator_presence SET status = 'available', current_call_id = NULL, updated_at = now()
        WHERE organization_id = $1 AND user_id = $2 AND current_call_id = $3 RETURNING 1`,
      [userId, callId],
    );
    return rows.length > 0;
  }
}
