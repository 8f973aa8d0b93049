import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallKind, TaskKind } from '@santral/contracts';
import { tenantQuery, type OrgId, type Queryable } from '@santral/persistence';
import type { CampaignView } from '../campaigns/campaign-view';

/** States from which an end with talk time implies the answer nobody reported (see `end`). */
const IMPLIED_ANSWER_FROM = ['dialing', 'ringing'];

/**
 * A call's end ($2 call, $3 status, $4 end reason, $5–$9 the end fact's durations and provider call
 * id, $10 cause, $11 IMPLIED_ANSWER_FROM), once: the row locked and ended unless it already was; its
 * transitions — first the answer the end implies when the provider's end says the call was talked on
 * but its `answered` fact has not been applied (each fact kind has its own consumer, and providers
 * send them out of order), then the end, a microsecond apart so their order stays real — and its
 * slot lease deleted (the slot is free at once); and what the retry matrix needs (the task, its
 * campaign's view, the organization's time zone), so settling the task costs no extra round trip.
 */
const END_CALL = `
  WITH p AS (
    SELECT call_id, state AS prev FROM calls WHERE call_id = $2 AND organization_id = $1 FOR UPDATE
  ), e AS (
    UPDATE calls c SET state = $3::text, end_reason = $4::jsonb, ended_at = now(),
           talk_seconds = $5::int, wait_seconds = $6::int, total_seconds = $7::int, forwarded_seconds = $8::int, provider_call_id = $9::text
      FROM p
     WHERE c.call_id = p.call_id AND c.ended_at IS NULL
    RETURNING c.call_id, c.task_id, c.direction, p.prev, c.attempt, c.campaign_id, c.to_number, c.from_number, c.provider_account_id, c.kind, c.agent_id, c.operator_user_id,
              c.reservation_id, CASE WHEN $3::text = 'ended' AND coalesce($5::int, 0) > 0 AND p.prev = ANY($11::text[]) THEN p.prev END AS answered_from
  ), transitions AS (
    INSERT INTO call_transitions (call_id, organization_id, from_state, to_state, cause, at)
    SELECT e.call_id, $1, v.from_state, v.to_state, v.cause, clock_timestamp() + v.ord * interval '1 microsecond'
      FROM e CROSS JOIN LATERAL (VALUES (0, e.answered_from, 'in_progress', 'implied:telephony:ended'),
                                        (1, CASE WHEN e.answered_from IS NULL THEN e.prev ELSE 'in_progress' END, $3::text, $10::text)) AS v(ord, from_state, to_state, cause)
     WHERE v.ord = 1 OR e.answered_from IS NOT NULL
  ), freed AS (
    DELETE FROM slot_leases l USING e WHERE l.organization_id = $1 AND l.call_id = e.call_id
  ), tk AS (
    -- What the retry matrix needs of the task: the end reasons of its calls by attempt, this one's
    -- included (the statement's snapshot still sees this call unended, so its reason comes from $4).
    SELECT t.to_number, t.time_zone, t.campaign_id, CASE WHEN t.kind = 'campaign' THEN t.contact_id END AS contact_id, t.source_call_id,
           ARRAY(SELECT x.reason FROM (SELECT o.attempt, o.end_reason->>'reason' AS reason FROM calls o
                                        WHERE o.task_id = t.id AND o.organization_id = $1 AND o.end_reason IS NOT NULL AND o.call_id <> e.call_id
                                       UNION ALL SELECT e.attempt, $4::jsonb->>'reason') x ORDER BY x.attempt) AS end_reasons
      FROM e JOIN call_tasks t ON t.id = e.task_id AND t.organization_id = $1
  )
  SELECT e.*, tk.to_number AS task_to_number, tk.time_zone AS task_time_zone, tk.campaign_id AS task_campaign_id, tk.contact_id AS task_contact_id,
         tk.source_call_id AS task_source_call_id, tk.end_reasons AS task_end_reasons,
         (SELECT d.view FROM dialer_campaigns d WHERE d.organization_id = $1 AND d.campaign_id = tk.campaign_id) AS campaign_view,
         (SELECT s.settings->>'timeZone' FROM organization_settings s WHERE s.organization_id = $1) AS organization_time_zone
    FROM e LEFT JOIN tk ON true`;

export interface EndedCall {
  /** Set when the end implied an answer that was never applied: the state it was answered from. */
  answeredFrom?: string;
  /** Null for an inbound call (it has no task). */
  taskId: string | null;
  direction: 'outbound' | 'inbound';
  previousState: string;
  attempt: number;
  campaignId: string | null;
  to: string;
  /** Null when an inbound caller withheld their number. */
  from: string | null;
  providerAccountId: string;
  kind: CallKind;
  agentId: string | null;
  operatorUserId: string | null;
  reservationId: string | null;
  /** The call's task with what the retry matrix needs; null for an inbound call (or a task gone). */
  task: EndedTask | null;
  /** The organization's default zone (for a contact without its own). */
  organizationTimeZone: string | undefined;
}

/** The task of an ended call, read in the end's statement. */
export interface EndedTask {
  toNumber: string;
  timeZone: string | null;
  campaignId: string | null;
  contactId: string | null;
  sourceCallId: string | null;
  /** The end reasons of its calls by attempt, the one just ended last. */
  endReasons: string[];
  /** Its campaign's view (state, dial plan); null for a direct task. */
  campaign: CampaignView | null;
}

/** What a call's progress events say of it (DialerCallStateV1's identity fields). */
export interface CallIdentity {
  state: string;
  direction: 'outbound' | 'inbound';
  /** Null for an inbound call. */
  taskId: string | null;
  attempt: number;
  kind: CallKind;
  campaignId: string | null;
  to: string;
  /** Null when an inbound caller withheld their number. */
  from: string | null;
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
  reservationId: string | null;
  ringTimeoutSeconds: number;
  maxCallSeconds: number | null;
}

/** `calls` and `call_transitions`: every state a call passed, with its time and cause. */
@Injectable()
export class CallRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertDialing(db: Queryable, orgId: OrgId, c: NewCall): Promise<void> {
    await tenantQuery(
      db,
      orgId,
      `INSERT INTO calls (call_id, organization_id, task_id, kind, campaign_id, attempt, state, to_number, from_number, provider_account_id, slot_no, agent_id, operator_user_id,
                          reservation_id, ring_timeout_seconds, max_call_seconds)
       VALUES ($2, $1, $3, $4, $5, $6, 'dialing', $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [c.callId, c.taskId, c.kind, c.campaignId, c.attempt, c.to, c.from, c.providerAccountId, c.slotNo, c.agentId, c.operatorUserId, c.reservationId, c.ringTimeoutSeconds, c.maxCallSeconds],
    );
    await this.transition(db, orgId, c.callId, null, 'dialing', 'dispatched');
  }

  /**
   * `insertDialing` for the calls of one dispatch pass, with their tasks marked dialling at their
   * attempt: one statement (tasks, calls, first transitions) whatever the number of calls.
   */
  async insertDialingMany(db: Queryable, orgId: OrgId, calls: readonly NewCall[]): Promise<void> {
    if (calls.length === 0) return;
    const col = <K extends keyof NewCall>(k: K) => calls.map((c) => c[k]);
    await tenantQuery(
      db,
      orgId,
      `WITH u AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::int[], $7::text[], $8::text[], $9::uuid[], $10::int[], $11::uuid[], $12::uuid[], $13::uuid[], $14::int[], $15::int[])
                  WITH ORDINALITY AS u(call_id, task_id, kind, campaign_id, attempt, to_number, from_number, provider_account_id, slot_no, agent_id, operator_user_id, reservation_id,
                                       ring_timeout_seconds, max_call_seconds, ord)
       ), tasks AS (
         UPDATE call_tasks t SET state = 'dialing', attempt = u.attempt, updated_at = now() FROM u WHERE t.id = u.task_id AND t.organization_id = $1
       ), inserted AS (
         INSERT INTO calls (call_id, organization_id, task_id, kind, campaign_id, attempt, state, to_number, from_number, provider_account_id, slot_no, agent_id, operator_user_id,
                            reservation_id, ring_timeout_seconds, max_call_seconds)
         SELECT u.call_id, $1, u.task_id, u.kind, u.campaign_id, u.attempt, 'dialing', u.to_number, u.from_number, u.provider_account_id, u.slot_no, u.agent_id, u.operator_user_id,
                u.reservation_id, u.ring_timeout_seconds, u.max_call_seconds
           FROM u
       )
       INSERT INTO call_transitions (call_id, organization_id, from_state, to_state, cause, at)
       SELECT u.call_id, $1, NULL, 'dialing', 'dispatched', clock_timestamp() FROM u ORDER BY u.ord`,
      [
        col('callId'), col('taskId'), col('kind'), col('campaignId'), col('attempt'), col('to'), col('from'), col('providerAccountId'), col('slotNo'),
        col('agentId'), col('operatorUserId'), col('reservationId'), col('ringTimeoutSeconds'), col('maxCallSeconds'),
      ],
    );
  }

  /**
   * An inbound call as telephony reported it, ringing, with its first transition; false when the
   * call is known already (a redelivered fact).
   */
  async insertInbound(db: Queryable, orgId: OrgId, c: { callId: string; from: string | null; to: string; providerAccountId: string; slotNo: number | null }): Promise<boolean> {
    const inserted = await tenantQuery(
      db,
      orgId,
      `INSERT INTO calls (call_id, organization_id, direction, kind, attempt, state, to_number, from_number, provider_account_id, slot_no)
       VALUES ($2, $1, 'inbound', 'inbound', 1, 'ringing', $3, $4, $5, coalesce($6, 0))
       ON CONFLICT (call_id) DO NOTHING RETURNING call_id`,
      [c.callId, c.to, c.from, c.providerAccountId, c.slotNo],
    );
    if (inserted.length === 0) return false;
    await this.transition(db, orgId, c.callId, null, 'ringing', c.slotNo === null ? 'telephony:inbound_received:no_free_slot' : 'telephony:inbound_received');
    return true;
  }

  /**
   * Ends the call unless it already ended: returns its task, or null for a second (or foreign) end.
   * `facts`: what the provider's end fact brings besides its reason (durations, its call id), kept for GET /v1/calls/{id}.
   * One statement: the call's row, its transitions, and its slot lease released (a call in a terminal
   * state holds no slot, invariant 3) — one round trip per end instead of four.
   */
  async end(db: Queryable, orgId: OrgId, callId: string, status: string, endReason: object, cause: string, facts: EndFacts = {}): Promise<EndedCall | null> {
    const [row] = await tenantQuery<{
      task_id: string | null; direction: 'outbound' | 'inbound'; prev: string; answered_from: string | null; attempt: number; campaign_id: string | null; to_number: string;
      from_number: string | null; provider_account_id: string; kind: CallKind; agent_id: string | null; operator_user_id: string | null; reservation_id: string | null;
      task_to_number: string | null; task_time_zone: string | null; task_campaign_id: string | null; task_contact_id: string | null; task_source_call_id: string | null;
      task_end_reasons: string[] | null; campaign_view: CampaignView | null; organization_time_zone: string | null;
    }>(db, orgId, END_CALL, [
      callId, status, JSON.stringify(endReason), facts.talkSeconds ?? null, facts.waitSeconds ?? null, facts.totalSeconds ?? null, facts.forwardedSeconds ?? null,
      facts.providerCallId ?? null, cause, IMPLIED_ANSWER_FROM,
    ]);
    if (!row) return null;
    const answeredFrom = row.answered_from ?? undefined;
    return {
      ...(answeredFrom ? { answeredFrom } : {}),
      taskId: row.task_id, direction: row.direction, previousState: answeredFrom ? 'in_progress' : row.prev, attempt: row.attempt, campaignId: row.campaign_id,
      to: row.to_number, from: row.from_number, providerAccountId: row.provider_account_id,
      kind: row.kind, agentId: row.agent_id, operatorUserId: row.operator_user_id, reservationId: row.reservation_id,
      task: row.task_to_number === null ? null : {
        toNumber: row.task_to_number, timeZone: row.task_time_zone, campaignId: row.task_campaign_id, contactId: row.task_contact_id, sourceCallId: row.task_source_call_id,
        endReasons: row.task_end_reasons ?? [], campaign: row.task_campaign_id ? row.campaign_view : null,
      },
      organizationTimeZone: row.organization_time_zone ?? undefined,
    };
  }

  /** Platform read for /metrics: calls not ended, per state. */
  async openByStateAcrossOrganizations(): Promise<Array<{ state: string; n: number }>> {
    return (await this.dataSource.query(`SELECT state, count(*)::int AS n FROM calls WHERE ended_at IS NULL GROUP BY state`)) as Array<{ state: string; n: number }>;
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

  /** The call's state and identity, its row locked for the caller's transaction; null when the organization has no such call. */
  async lockIdentity(db: Queryable, orgId: OrgId, callId: string): Promise<CallIdentity | null> {
    const [r] = await tenantQuery<{
      state: string; direction: 'outbound' | 'inbound'; task_id: string | null; attempt: number; kind: CallKind; campaign_id: string | null; to_number: string;
      from_number: string | null; agent_id: string | null; operator_user_id: string | null;
    }>(
      db,
      orgId,
      `SELECT state, direction, task_id, attempt, kind, campaign_id, to_number, from_number, agent_id, operator_user_id FROM calls WHERE call_id = $2 AND organization_id = $1 FOR UPDATE`,
      [callId],
    );
    return r
      ? { state: r.state, direction: r.direction, taskId: r.task_id, attempt: r.attempt, kind: r.kind, campaignId: r.campaign_id, to: r.to_number, from: r.from_number, agentId: r.agent_id, operatorUserId: r.operator_user_id }
      : null;
  }

  /**
   * Platform sweep: calls still dialling or ringing past their ring timeout and a grace (E3), or calls
   * not ended past their maximum length (the default when their plan named none, E8).
   */
  async overdueAcrossOrganizations(kind: 'ring_timeout' | 'max_duration', allowanceMs: number, limit: number, db?: Queryable): Promise<Array<{ callId: string; organizationId: OrgId }>> {
    // ring_timeout: `allowanceMs` is the grace after the ring timeout; max_duration: the default maximum length.
    const overdue =
      kind === 'ring_timeout'
        ? `direction = 'outbound' AND state IN ('dialing', 'ringing') AND created_at < clock_timestamp() - (coalesce(ring_timeout_seconds, 30) * 1000 + $1) * interval '1 millisecond'`
        : `created_at < clock_timestamp() - coalesce(max_call_seconds * 1000, $1) * interval '1 millisecond'`;
    const rows = (await (db ?? this.dataSource).query(
      `SELECT call_id, organization_id FROM calls WHERE ended_at IS NULL AND ${overdue} ORDER BY created_at LIMIT $2`,
      [allowanceMs, limit],
    )) as Array<{ call_id: string; organization_id: string }>;
    return rows.map((r) => ({ callId: r.call_id, organizationId: r.organization_id as OrgId }));
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
