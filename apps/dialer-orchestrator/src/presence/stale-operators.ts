import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FreedOperator {
  organizationId: string;
  userId: string;
  callId: string;
}

/**
 * Platform sweep (serves every organization, like the call watchdog): operators held by a call that
 * ended, or by one the dialer has no trace of — no call row and no task waiting to dial it — past
 * the grace, made available again in one statement.
 */
@Injectable()
export class StaleOperators {
  constructor(private readonly dataSource: DataSource) {}

  async release(graceMs: number, limit: number): Promise<FreedOperator[]> {
    const rows = (await this.dataSource.query(
      `WITH stale AS (
         SELECT p.organization_id, p.user_id, p.current_call_id FROM operator_presence p
          WHERE p.current_call_id IS NOT NULL
            AND (EXISTS (SELECT 1 FROM calls c WHERE c.call_id = p.current_call_id AND c.organization_id = p.organization_id AND c.ended_at IS NOT NULL)
                 OR (p.updated_at < now() - make_interval(secs => $1::double precision / 1000)
                     AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.call_id = p.current_call_id AND c.organization_id = p.organization_id)
                     AND NOT EXISTS (SELECT 1 FROM call_tasks t WHERE t.first_call_id = p.current_call_id AND t.organization_id = p.organization_id
                                        AND t.state IN ('pending', 'retry_scheduled', 'dialing'))))
          LIMIT $2
          FOR UPDATE OF p SKIP LOCKED)
       UPDATE operator_presence p SET status = 'available', current_call_id = NULL, updated_at = now()
         FROM stale s WHERE p.organization_id = s.organization_id AND p.user_id = s.user_id
       RETURNING s.organization_id, s.user_id, s.current_call_id`,
      [graceMs, limit],
    )) as unknown;
    const list = (Array.isArray(rows) && rows.length === 2 && Array.isArray(rows[0]) ? rows[0] : rows) as Array<{ organization_id: string; user_id: string; current_call_id: string }>;
    return list.map((r) => ({ organizationId: r.organization_id, userId: r.user_id, callId: r.current_call_id }));
  }
}
