import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { CampaignDialPlanV1, RequestedContactV1, TaskKind } from '@santral/contracts';
import { tenantQuery, tenantsQuery, type OrgId, type Queryable } from '@santral/persistence';
import { CALLS_OF_THE_HOUR } from '../pacing/call-history';
import { DISPATCH_LOCK } from '../slots/slot-leases';

export interface TaskCounts {
  pending: number;
  dialing: number;
  retryScheduled: number;
  finished: number;
  cancelled: number;
}

/**
 * How a task is dialled: a campaign task's is its campaign's dial plan (read at dispatch, so an edit
 * applies at the next one); a direct task (single, test, click-to-call, callback) stores its own,
 * which has no calling windows unless it names them.
 */
export type TaskPlan = Partial<CampaignDialPlanV1> & Pick<CampaignDialPlanV1, 'ringTimeoutSeconds'>;

/** What a dispatch pass reads in its first statement (see `claimForPass`). */
export interface PassStart<S> {
  locked: boolean;
  tasks: ReadyTask[];
  settings: S | null;
  /** The organization's calls of the sliding hour, per campaign (null: direct calls). */
  hour: Array<{ campaignId: string | null; n: number; oldest: Date }>;
  /** The claimed tasks' numbers on the organization's DNC list. */
  dncListed: string[];
  /** The organization's caller numbers the claimed tasks dial from (a number absent here is not one of its own). */
  hotlines: Array<{ number: string; outboundAllowed: boolean; allowedGroups: string[] }>;
}

/** What a call's end does to its task: dialled again later, or finished with its outcome. */
export type TaskSettlement =
  | { orgId: OrgId; taskId: string; state: 'retry_scheduled'; notBefore: Date; windowFrom?: Date }
  | { orgId: OrgId; taskId: string; state: 'finished'; outcome: string; reason: string | null };

/** A task the dispatcher may dial now, with its dial plan. */
export interface ReadyTask {
  id: string;
  organization_id: string;
  kind: TaskKind;
  campaign_id: string | null;
  /** The campaign's contact (null for direct tasks' customers, which travel as their own fields). */
  contact_id: string | null;
  to_number: string;
  time_zone: string | null;
  attempt: number;
  variables: Record<string, string>;
  plan: TaskPlan;
  /** The call id the API answered with (a direct task's first attempt dials under it). */
  first_call_id: string | null;
  agent_id: string | null;
  operator_user_id: string | null;
  operator_endpoint: string | null;
  /** A callback's missed call (F3); null for every other kind. */
  source_call_id: string | null;
}

/** A task that is not a campaign's (issue 10 item 1), stored by rpc.dialer.call.create or a callback rule. */
export interface NewDirectTask {
  kind: Exclude<TaskKind, 'campaign'>;
  callId: string;
  to: string;
  plan: TaskPlan;
  timeZone?: string;
  timeZoneSource: string;
  variables?: Record<string, string>;
  agentId?: string;
  operatorUserId?: string;
  operatorEndpoint?: string;
  customerId?: string;
  ticketId?: string;
  /** Direct calls go before campaign tasks of the same organization. */
  priority?: number;
}

/** The ready tasks of organization $1 (at most $2) a pass claims, only once it holds the lock (CTE `lock`). */
const CLAIM_READY = `
  claimed AS (
    SELECT t.id, t.organization_id, t.kind, t.campaign_id, CASE WHEN t.kind = 'campaign' THEN t.contact_id END AS contact_id, t.to_number, t.time_zone, t.attempt, t.variables,
           coalesce(t.plan, c.view->'dialPlan') AS plan, t.first_call_id, t.agent_id, t.operator_user_id, t.operator_endpoint,
           t.source_call_id, t.priority, t.not_before
      FROM call_tasks t LEFT JOIN dialer_campaigns c ON c.campaign_id = t.campaign_id AND c.organization_id = t.organization_id
     WHERE (SELECT locked FROM lock) AND t.organization_id = $1 AND t.state IN ('pending', 'retry_scheduled') AND t.not_before <= now()
       AND (t.campaign_id IS NULL OR c.view->>'state' = 'active')
       -- A callback rings nobody's phone until an operator or an agent takes it.
       AND (t.kind <> 'callback' OR t.agent_id IS NOT NULL OR t.operator_user_id IS NOT NULL)
     ORDER BY t.priority DESC, t.not_before
     LIMIT $2
     FOR UPDATE OF t SKIP LOCKED
  )`;

/** `call_tasks`: what the dispatcher claims (issue 10). */
@Injectable()
export class CallTaskRepository {
  /** Stores one task per contact; a contact already stored for the campaign is left as it is. Returns the new ones. */
  async addForCampaign(db: Queryable, orgId: OrgId, campaignId: string, batchId: string, contacts: readonly RequestedContactV1[]): Promise<Array<{ taskId: string; contactId: string; to: string }>> {
    const rows = contacts.map((c) => ({
      id: uuidv7(), contact_id: c.contactId, to_number: c.to, contact_name: c.name ?? null, time_zone: c.timeZone ?? null,
      time_zone_source: c.timeZoneSource, variables: c.variables ?? {}, priority: c.priority ?? 0,
    }));
    const inserted = await tenantQuery(
      db,
      orgId,
      `INSERT INTO call_tasks (id, organization_id, campaign_id, batch_id, contact_id, to_number, contact_name, time_zone, time_zone_source, variables, priority)
       SELECT r.id, $1, $2, $3, r.contact_id, r.to_number, r.contact_name, r.time_zone, r.time_zone_source, r.variables, r.priority
         FROM jsonb_to_recordset($4::jsonb) AS r(id uuid, contact_id uuid, to_number text, contact_name text, time_zone text,
                                                   time_zone_source text, variables jsonb, priority smallint)
       ON CONFLICT DO NOTHING
       RETURNING id, contact_id, to_number`,
      [campaignId, batchId, JSON.stringify(rows)],
    );
    return (inserted as Array<{ id: string; contact_id: string; to_number: string }>).map((r) => ({ taskId: r.id, contactId: r.contact_id, to: r.to_number }));
  }

  /** Stores a direct task ready at once; returns its id. */
  async addDirect(db: Queryable, orgId: OrgId, t: NewDirectTask): Promise<string> {
    const id = uuidv7();
    await tenantQuery(
      db,
      orgId,
      `INSERT INTO call_tasks (id, organization_id, kind, first_call_id, to_number, time_zone, time_zone_source, variables, priority, plan,
                               agent_id, operator_user_id, operator_endpoint, customer_id, ticket_id, contact_id)
       VALUES ($2, $1, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb, $11, $12, $13, $14, $15, $14)`,
      [id, t.kind, t.callId, t.to, t.timeZone ?? null, t.timeZoneSource, JSON.stringify(t.variables ?? {}), t.priority ?? 100, JSON.stringify(t.plan),
        t.agentId ?? null, t.operatorUserId ?? null, t.operatorEndpoint ?? null, t.customerId ?? null, t.ticketId ?? null],
    );
    return id;
  }

  /**
   * The callback for a missed inbound call (F3): one per missed call however often its end is
   * delivered, and none while the caller already has an open callback. Returns its id, or null.
   */
  /** `afterMinutes`: due that much later (a message rule's callback delay, F3); at once without it. */
  async addCallback(db: Queryable, orgId: OrgId, c: { sourceCallId: string; to: string; plan: TaskPlan; afterMinutes?: number | null }): Promise<string | null> {
    const id = uuidv7();
    const [row] = await tenantQuery<{ id: string }>(
      db,
      orgId,
      `INSERT INTO call_tasks (id, organization_id, kind, source_call_id, first_call_id, to_number, time_zone_source, plan, priority, not_before)
       SELECT $2, $1, 'callback', $3, $4, $5, 'unknown', $6::jsonb, 50, now() + make_interval(mins => $7::int)
        WHERE NOT EXISTS (SELECT 1 FROM call_tasks WHERE organization_id = $1 AND kind = 'callback' AND to_number = $5 AND state IN ('pending', 'dialing', 'retry_scheduled'))
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, c.sourceCallId, uuidv7(), c.to, JSON.stringify(c.plan), c.afterMinutes ?? 0],
    );
    return row?.id ?? null;
  }

  /**
   * A dispatch pass's first statement, one round trip: the organization's dispatch lock for the
   * caller's transaction (`locked` false at once when another pass holds it — then nothing is
   * claimed), up to `limit` ready tasks — direct ones, and those of the organization's active
   * campaigns, in priority then due order, locked for the caller's transaction and skipping what
   * another replica holds (the ready index walks them in this order, so a pass reads only what it
   * takes) — and what the pass checks them against: the organization's settings, its calls of the
   * sliding hour by campaign (pacing), which of the claimed numbers are on its DNC list, and the
   * caller numbers the claimed tasks dial from.
   */
  async claimForPass<S>(db: Queryable, orgId: OrgId, limit: number): Promise<PassStart<S>> {
    const [row] = await tenantQuery<{
      locked: boolean; tasks: ReadyTask[]; settings: S | null; hour: Array<{ campaign_id: string | null; n: number; oldest: string }>; dnc: string[];
      hotlines: Array<{ number: string; outboundAllowed: boolean; allowedGroups: string[] }>;
    }>(
      db,
      orgId,
      `WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(${DISPATCH_LOCK}) AS locked),
       ${CLAIM_READY}
       SELECT l.locked, coalesce((SELECT json_agg(c ORDER BY c.priority DESC, c.not_before) FROM claimed c), '[]'::json) AS tasks,
              (SELECT s.settings FROM organization_settings s WHERE s.organization_id = $1) AS settings,
              CASE WHEN l.locked THEN (
                SELECT coalesce(json_agg(json_build_object('campaign_id', h.campaign_id, 'n', h.n, 'oldest', h.oldest)), '[]'::json)
                  FROM (${CALLS_OF_THE_HOUR}) h) END AS hour,
              ARRAY(SELECT DISTINCT d.number FROM dnc_entries d WHERE d.organization_id = $1 AND d.number IN (SELECT c.to_number FROM claimed c)) AS dnc,
              (SELECT coalesce(json_agg(json_build_object('number', h.number, 'outboundAllowed', h.outbound_allowed, 'allowedGroups', h.allowed_groups)), '[]'::json)
                 FROM hotlines h WHERE h.organization_id = $1 AND h.number IN (SELECT c.plan->>'fromNumber' FROM claimed c)) AS hotlines
         FROM lock l`,
      [limit],
    );
    if (!row) return { locked: false, tasks: [], settings: null, hour: [], dncListed: [], hotlines: [] };
    return {
      locked: row.locked === true, tasks: row.tasks ?? [], settings: row.settings ?? null,
      hour: (row.hour ?? []).map((h) => ({ campaignId: h.campaign_id, n: h.n, oldest: new Date(h.oldest) })), dncListed: row.dnc ?? [], hotlines: row.hotlines ?? [],
    };
  }

  /** Not dialled again: `outcome` as dialer.task.finished.v1 says it, `reason` the end reason or refusal code. */
  async markFinished(db: Queryable, orgId: OrgId, taskId: string, outcome: string, reason: string | null): Promise<void> {
    await tenantQuery(
      db,
      orgId,
      `UPDATE call_tasks SET state = 'finished', outcome = $3, outcome_reason = $4, updated_at = now() WHERE id = $2 AND organization_id = $1`,
      [taskId, outcome, reason],
    );
  }

  /**
   * The tasks of a batch of call ends, each retried (`scheduleAt`'s write) or finished
   * (`markFinished`'s), across organizations in one statement (each row keeps its own organization).
   */
  async settleMany(db: Queryable, settles: readonly TaskSettlement[]): Promise<void> {
    if (settles.length === 0) return;
    const retry = (s: TaskSettlement) => (s.state === 'retry_scheduled' ? s : undefined);
    const finished = (s: TaskSettlement) => (s.state === 'finished' ? s : undefined);
    await tenantsQuery(
      db,
      settles.map((s) => s.orgId),
      `UPDATE call_tasks t SET state = u.state, updated_at = now(),
              not_before = CASE WHEN u.state = 'finished' THEN t.not_before ELSE u.not_before END,
              window_wait_from = CASE WHEN u.state = 'finished' THEN t.window_wait_from ELSE u.window_from END,
              outcome = CASE WHEN u.state = 'finished' THEN u.outcome ELSE t.outcome END,
              outcome_reason = CASE WHEN u.state = 'finished' THEN u.reason ELSE t.outcome_reason END
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[]) AS u(org, id, state, not_before, window_from, outcome, reason)
        WHERE t.id = u.id AND t.organization_id = u.org`,
      [
        settles.map((s) => s.taskId), settles.map((s) => s.state), settles.map((s) => retry(s)?.notBefore ?? null),
        // As `scheduleAt`: the task waits only for its window when it was otherwise due earlier.
        settles.map((s) => { const r = retry(s); return r?.windowFrom && r.windowFrom < r.notBefore ? r.windowFrom : null; }),
        settles.map((s) => finished(s)?.outcome ?? null), settles.map((s) => finished(s)?.reason ?? null),
      ],
    );
  }

  /**
   * Ready again at `at` (a retry the matrix asked for, or a calling window that opens later). `windowFrom`: the task waits only for its calling window, and was otherwise
   * due then (see `releaseWindowWaits`).
   */
  async scheduleAt(db: Queryable, orgId: OrgId, taskId: string, at: Date, state: 'pending' | 'retry_scheduled', windowFrom?: Date): Promise<void> {
    await tenantQuery(
      db,
      orgId,
      `UPDATE call_tasks SET state = $4, not_before = $3, window_wait_from = $5, updated_at = now() WHERE id = $2 AND organization_id = $1`,
      [taskId, at, state, windowFrom && windowFrom < at ? windowFrom : null],
    );
  }

  /**
   * The campaign's windows changed: its tasks waiting for the old windows' next opening are due
   * again from when they were otherwise due, so the next pass weighs them against the new windows
   * (and defers them again if those are closed too). Returns how many.
   */
  async releaseWindowWaits(db: Queryable, orgId: OrgId, campaignId: string): Promise<number> {
    const rows = await tenantQuery(
      db,
      orgId,
      `UPDATE call_tasks SET not_before = greatest(window_wait_from, now()), window_wait_from = NULL, updated_at = now()
        WHERE organization_id = $1 AND campaign_id = $2 AND window_wait_from IS NOT NULL AND state IN ('pending', 'retry_scheduled')
        RETURNING id`,
      [campaignId],
    );
    return rows.length;
  }

  /**
   * Platform sweep (the queue watchdog, E3): direct tasks ready for longer than `olderThanMs` that no
   * slot has taken (a callback waits for someone to take it); a campaign's tasks wait as long as their campaign runs.
   */
  async waitingDirectAcrossOrganizations(db: Queryable, olderThanMs: number, limit: number): Promise<Array<{ taskId: string; organizationId: OrgId }>> {
    const rows = (await db.query(
      `SELECT id, organization_id FROM call_tasks
        WHERE kind NOT IN ('campaign', 'callback') AND state IN ('pending', 'retry_scheduled') AND not_before < clock_timestamp() - $1 * interval '1 millisecond'
        ORDER BY not_before LIMIT $2`,
      [olderThanMs, limit],
    )) as Array<{ id: string; organization_id: string }>;
    return rows.map((r) => ({ taskId: r.id, organizationId: r.organization_id as OrgId }));
  }

  /** The task if it is still waiting, locked for the caller's transaction (a dispatcher holding it is skipped). */
  async lockWaiting(db: Queryable, orgId: OrgId, taskId: string): Promise<ReadyTask | null> {
    const [row] = await tenantQuery<ReadyTask>(
      db,
      orgId,
      `SELECT id, organization_id, kind, campaign_id, to_number, time_zone, attempt, variables, plan, first_call_id, agent_id, operator_user_id, operator_endpoint, source_call_id
         FROM call_tasks WHERE organization_id = $1 AND id = $2 AND state IN ('pending', 'retry_scheduled') FOR UPDATE SKIP LOCKED`,
      [taskId],
    );
    return row ?? null;
  }

  /** A campaign's tasks not yet dialled, cancelled with it (issue 10 item 11): their ids and attempts. */
  async cancelWaiting(db: Queryable, orgId: OrgId, campaignId: string): Promise<Array<{ id: string; attempt: number }>> {
    return tenantQuery<{ id: string; attempt: number }>(
      db,
      orgId,
      `UPDATE call_tasks SET state = 'cancelled', outcome = 'cancelled', outcome_reason = 'campaign_cancelled', updated_at = now()
        WHERE organization_id = $1 AND campaign_id = $2 AND state IN ('pending', 'retry_scheduled')
        RETURNING id, attempt`,
      [campaignId],
    );
  }

  async countsOf(db: Queryable, orgId: OrgId, campaignId: string): Promise<TaskCounts> {
    const rows = await tenantQuery<{ state: string; n: number }>(
      db,
      orgId,
      `SELECT state, count(*)::int AS n FROM call_tasks WHERE organization_id = $1 AND campaign_id = $2 GROUP BY state`,
      [campaignId],
    );
    const of = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
    return { pending: of('pending'), dialing: of('dialing'), retryScheduled: of('retry_scheduled'), finished: of('finished'), cancelled: of('cancelled') };
  }
}
