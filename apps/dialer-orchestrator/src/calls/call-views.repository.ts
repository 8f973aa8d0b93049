import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallEndReasonV1, CallKind, CallState, TaskKind } from '@santral/contracts';
import { encodeCursor, tenantQuery, type OrgId, type Page, type PageRequest, type Queryable, type Tx } from '@santral/persistence';

/** A call as the API shows it: a dialled one from `calls`, one still waiting for a slot from its direct task. */
export interface CallView {
  callId: string;
  kind: CallKind;
  state: CallState;
  attempt: number;
  to: string;
  from: string | null;
  campaignId: string | null;
  taskId: string | null;
  agentId: string | null;
  operatorUserId: string | null;
  providerAccountId: string | null;
  providerCallId: string | null;
  endReason: CallEndReasonV1 | null;
  talkSeconds: number | null;
  waitSeconds: number | null;
  totalSeconds: number | null;
  forwardedSeconds: number | null;
  createdAt: Date;
  endedAt: Date | null;
}

export interface CallTransition {
  from: CallState | null;
  to: CallState;
  cause: string;
  at: Date;
}

export interface CallFilters {
  campaignId?: string;
  state?: CallState;
  /** E.164. */
  to?: string;
  operatorUserId?: string;
  from?: Date;
  until?: Date;
}

/** A direct call not dialled yet, its task locked for the caller's transaction. */
export interface QueuedCall {
  taskId: string;
  kind: TaskKind;
  taskState: string;
  to: string;
  from: string | null;
  agentId: string | null;
  operatorUserId: string | null;
  ticketId: string | null;
  /** A callback's missed call (F3). */
  sourceCallId: string | null;
}

// Every call of the organization: the dialled ones, and direct tasks whose first call has no row yet
// (queued; or never dialled: cancelled by hangup, or refused at dispatch).
const VIEWS = `
  SELECT c.call_id, c.kind, c.state, c.attempt, c.to_number, c.from_number, c.campaign_id, c.task_id, c.agent_id, c.operator_user_id,
         c.provider_account_id, c.provider_call_id, c.end_reason, c.talk_seconds, c.wait_seconds, c.total_seconds, c.forwarded_seconds,
         c.created_at, c.ended_at, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS keyset_at
    FROM calls c WHERE c.organization_id = $1
  UNION ALL
  SELECT t.first_call_id, t.kind,
         CASE WHEN t.state IN ('pending', 'retry_scheduled', 'dialing') THEN 'queued' WHEN t.outcome = 'cancelled' THEN 'cancelled' ELSE 'failed' END,
         0, t.to_number, t.plan->>'fromNumber', NULL, t.id, t.agent_id, t.operator_user_id, (t.plan->>'providerAccountId')::uuid, NULL,
         CASE WHEN t.state IN ('finished', 'cancelled') THEN jsonb_build_object('status', CASE WHEN t.outcome = 'cancelled' THEN 'cancelled' ELSE 'failed' END,
              'reason', coalesce(t.outcome_reason, 'cancelled_by_user'), 'fault', CASE WHEN t.outcome = 'cancelled' THEN 'none' ELSE 'configuration' END, 'billable', false) END,
         NULL, NULL, NULL, NULL, t.created_at, CASE WHEN t.state IN ('finished', 'cancelled') THEN t.updated_at END,
         to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    FROM call_tasks t
   WHERE t.organization_id = $1 AND t.first_call_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.organization_id = $1 AND c.call_id = t.first_call_id)`;

interface Row {
  call_id: string; kind: CallKind; state: CallState; attempt: number; to_number: string; from_number: string | null; campaign_id: string | null;
  task_id: string | null; agent_id: string | null; operator_user_id: string | null; provider_account_id: string | null; provider_call_id: string | null;
  end_reason: CallEndReasonV1 | null; talk_seconds: number | null; wait_seconds: number | null; total_seconds: number | null; forwarded_seconds: number | null;
  created_at: Date; ended_at: Date | null; keyset_at: string;
}

const toView = (r: Row): CallView => ({
  callId: r.call_id, kind: r.kind, state: r.state, attempt: r.attempt, to: r.to_number, from: r.from_number, campaignId: r.campaign_id, taskId: r.task_id,
  agentId: r.agent_id, operatorUserId: r.operator_user_id, providerAccountId: r.provider_account_id, providerCallId: r.provider_call_id, endReason: r.end_reason,
  talkSeconds: r.talk_seconds, waitSeconds: r.wait_seconds, totalSeconds: r.total_seconds, forwardedSeconds: r.forwarded_seconds, createdAt: r.created_at, endedAt: r.ended_at,
});

/** Reads for GET /v1/calls and GET /v1/calls/{id}, and the queued calls hangup cancels. */
@Injectable()
export class CallViewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first by (created_at, call id), the keyset of every list. */
  async page(orgId: OrgId, f: CallFilters, page: PageRequest): Promise<Page<CallView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length + 1}`));
    };
    if (f.campaignId) add((n) => `v.campaign_id = ${n}::uuid`, f.campaignId);
    if (f.state) add((n) => `v.state = ${n}`, f.state);
    if (f.to) add((n) => `v.to_number = ${n}`, f.to);
    if (f.operatorUserId) add((n) => `v.operator_user_id = ${n}::uuid`, f.operatorUserId);
    if (f.from) add((n) => `v.created_at >= ${n}::timestamptz`, f.from);
    if (f.until) add((n) => `v.created_at < ${n}::timestamptz`, f.until);
    if (page.after) {
      params.push(page.after.createdAt, page.after.id);
      where.push(`(v.created_at, v.call_id) < ($${params.length}::timestamptz, $${params.length + 1}::uuid)`);
    }
    params.push(page.limit + 1);
    const rows = await tenantQuery<Row>(
      this.dataSource,
      orgId,
      `SELECT * FROM (${VIEWS}) v ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY v.created_at DESC, v.call_id DESC LIMIT $${params.length + 1}`,
      params,
    );
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return { items: items.map(toView), nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.keyset_at, id: last.call_id }) : null };
  }

  async get(orgId: OrgId, callId: string, tx?: Tx): Promise<CallView | null> {
    const [row] = await tenantQuery<Row>(tx ?? this.dataSource, orgId, `SELECT * FROM (${VIEWS}) v WHERE v.call_id = $2`, [callId]);
    return row ? toView(row) : null;
  }

  /** In the order they happened (a queued call's first one is written by the API, its dialled ones by the dispatcher). */
  async transitions(orgId: OrgId, callId: string): Promise<CallTransition[]> {
    const rows = await tenantQuery<{ from_state: CallState | null; to_state: CallState; cause: string; at: Date }>(
      this.dataSource,
      orgId,
      `SELECT from_state, to_state, cause, at FROM call_transitions WHERE organization_id = $1 AND call_id = $2 ORDER BY at, seq`,
      [callId],
    );
    return rows.map((r) => ({ from: r.from_state, to: r.to_state, cause: r.cause, at: r.at }));
  }

  /** The direct task whose first call is `callId` and has not been dialled, locked (the dispatcher skips it meanwhile). */
  async lockQueued(db: Queryable, orgId: OrgId, callId: string): Promise<QueuedCall | null> {
    const [row] = await tenantQuery<{ id: string; kind: TaskKind; state: string; to_number: string; from_number: string | null; agent_id: string | null; operator_user_id: string | null; ticket_id: string | null; source_call_id: string | null }>(
      db,
      orgId,
      `SELECT t.id, t.kind, t.state, t.to_number, t.plan->>'fromNumber' AS from_number, t.agent_id, t.operator_user_id, t.ticket_id, t.source_call_id
         FROM call_tasks t WHERE t.organization_id = $1 AND t.first_call_id = $2 FOR UPDATE`,
      [callId],
    );
    return row
      ? { taskId: row.id, kind: row.kind, taskState: row.state, to: row.to_number, from: row.from_number, agentId: row.agent_id, operatorUserId: row.operator_user_id, ticketId: row.ticket_id, sourceCallId: row.source_call_id }
      : null;
  }

  /** The queued call will not be dialled: its task is cancelled. */
  async cancelQueued(db: Queryable, orgId: OrgId, taskId: string): Promise<void> {
    await tenantQuery(
      db,
      orgId,
      `UPDATE call_tasks SET state = 'cancelled', outcome = 'cancelled', outcome_reason = 'cancelled_by_user', updated_at = now() WHERE organization_id = $1 AND id = $2`,
      [taskId],
    );
  }
}
