import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TaskKind } from '@santral/contracts';
import { tenantQuery, type OrgId, type Queryable } from '@santral/persistence';

export interface EndedCall {
  taskId: string;
  previousState: string;
  attempt: number;
  campaignId: string | null;
  to: string;
  from: string;
  providerAccountId: string;
  kind: TaskKind;
  agentId: string | null;
  operatorUserId: string | null;
}

/** What an end fact may bring besides its reason. */
export interface EndFacts {
  talkSeconds?: number;
  waitSeconds?: number;
  totalSeconds?: number;
  forwardedSeconds?: number;
  providerCallId?: string;
}

export interface NewCall {
  callId: string;
  taskId: string;
  kind: TaskKind;
  agentId: string | null;
  operatorUserId: string | null;
  campaignId: string | null;
  attempt: number;
  to: string;
  from: string;
  providerAccountId: string;
  slotNo: number;
}

/** `calls` and `call_transitions`: every state a call passed, with its time and cause. */
@Injectable()
export class CallRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertDialing(db: Queryable, orgId: OrgId, c: NewCall): Promise<void> {
    await tenantQuery(
      db,
      orgId,
      `INSERT INTO calls (call_id, organization_id, task_id, kind, campaign_id, attempt, state, to_number, from_number, provider_account_id, slot_no, agent_id, operator_user_id)
       VALUES ($2, $1, $3, $4, $5, $6, 'dialing', $7, $8, $9, $10, $11, $12)`,
      [c.callId, c.taskId, c.kind, c.campaignId, c.attempt, c.to, c.from, c.providerAccountId, c.slotNo, c.agentId, c.operatorUserId],
    );
    await this.transition(db, orgId, c.callId, null, 'dialing', 'dispatched');
  }

  /**
   * Ends the call unless it already ended: returns its task, or null for a second (or foreign) end.
   * `facts`: what the provider's end fact brings besides its reason (durations, its call id), kept for GET /v1/calls/{id}.
   */
  async end(db: Queryable, orgId: OrgId, callId: string, status: string, endReason: object, cause: string, facts: EndFacts = {}): Promise<EndedCall | null> {
    const [row] = await tenantQuery<{
      task_id: string; prev: string; attempt: number; campaign_id: string | null; to_number: string; from_number: string; provider_account_id: string;
      kind: TaskKind; agent_id: string | null; operator_user_id: string | null;
    }>(
      db,
      orgId,
      `UPDATE calls c SET state = $3, end_reason = $4::jsonb, ended_at = now(),
              talk_seconds = $5, wait_seconds = $6, total_seconds = $7, forwarded_seconds = $8, provider_call_id = $9
         FROM (SELECT call_id, state AS prev FROM calls WHERE call_id = $2 AND organization_id = $1 FOR UPDATE) p
        WHERE c.call_id = p.call_id AND c.ended_at IS NULL
        RETURNING c.task_id, p.prev, c.attempt, c.campaign_id, c.to_number, c.from_number, c.provider_account_id, c.kind, c.agent_id, c.operator_user_id`,
      [callId, status, JSON.stringify(endReason), facts.talkSeconds ?? null, facts.waitSeconds ?? null, facts.totalSeconds ?? null, facts.forwardedSeconds ?? null, facts.providerCallId ?? null],
    );
    if (!row) return null;
    await this.transition(db, orgId, callId, row.prev, status, cause);
    return {
      taskId: row.task_id, previousState: row.prev, attempt: row.attempt, campaignId: row.campaign_id,
      to: row.to_number, from: row.from_number, providerAccountId: row.provider_account_id,
      kind: row.kind, agentId: row.agent_id, operatorUserId: row.operator_user_id,
    };
  }

  /**
   * Platform sweep (the watchdog serves every organization): calls not ended whose slot lease is gone
   * or ran out, a little after they were dialled (the dispatch transaction writes both at once).
   */
  async silentAcrossOrganizations(limit: number, db?: Queryable): Promise<Array<{ callId: string; organizationId: OrgId }>> {
    const rows = (await (db ?? this.dataSource).query(
      `SELECT c.call_id, c.organization_id FROM calls c
         LEFT JOIN slot_leases l ON l.organization_id = c.organization_id AND l.call_id = c.call_id AND l.expires_at > now()
        WHERE c.ended_at IS NULL AND l.call_id IS NULL
        ORDER BY c.created_at LIMIT $1`,
      [limit],
    )) as Array<{ call_id: string; organization_id: string }>;
    return rows.map((r) => ({ callId: r.call_id, organizationId: r.organization_id as OrgId }));
  }

  /** The call's state, its row locked for the caller's transaction; null when the organization has no such call. */
  async lockState(db: Queryable, orgId: OrgId, callId: string): Promise<string | null> {
    const [row] = await tenantQuery<{ state: string }>(db, orgId, `SELECT state FROM calls WHERE call_id = $2 AND organization_id = $1 FOR UPDATE`, [callId]);
    return row?.state ?? null;
  }

  async moveTo(db: Queryable, orgId: OrgId, callId: string, from: string, to: string, cause: string): Promise<void> {
    await tenantQuery(db, orgId, `UPDATE calls SET state = $3 WHERE call_id = $2 AND organization_id = $1`, [callId, to]);
    await this.transition(db, orgId, callId, from, to, cause);
  }

  /** `at` is the statement's own time (clock_timestamp), not its transaction's start: the order of transitions is real. */
  async transition(db: Queryable, orgId: OrgId, callId: string, from: string | null, to: string, cause: string): Promise<void> {
    await tenantQuery(
      db,
      orgId,
      `INSERT INTO call_transitions (call_id, organization_id, from_state, to_state, cause, at) VALUES ($2, $1, $3, $4, $5, clock_timestamp())`,
      [callId, from, to, cause],
    );
  }
}
