import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AutocommitStatements, tenantQuery, type OrgId } from '@santral/persistence';
import type { CallEndReasonV1 } from '@santral/contracts';
import { RANK_SQL } from '../webhooks/call-lifecycle.sql';
import { TelephonyCallEntity } from './telephony-call.entity';

export interface OutboundClaim {
  callId: string;
  attempt: number;
  providerAccountId: string;
  provider: string;
  from: string;
  to: string;
  maxDurationSeconds: number | null;
  /** Seconds until the reconciler asks the provider about a call that went silent. */
  deadlineSeconds: number;
}

/** A call past its deadline with no terminal fact (any organization: the reconciler's sweep). */
export interface OverdueCall {
  callId: string;
  organizationId: OrgId;
  providerAccountId: string;
  providerCallId: string | null;
  direction: 'outbound' | 'inbound';
}

/**
 * `telephony_calls`, one row per call (DESIGN §4). Every write but the webhook hot path goes
 * through here; that path (webhooks/ingest-batch.sql.ts) writes the same rows in its one
 * group-committed statement, which bench/webhooks.ts measured.
 */
@Injectable()
export class TelephonyCallRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly autocommit: AutocommitStatements,
  ) {}

  find(m: EntityManager, orgId: OrgId, callId: string): Promise<TelephonyCallEntity | null> {
    return m.getRepository(TelephonyCallEntity).findOne({ where: { callId: callId.toLowerCase(), organizationId: orgId } });
  }

  /** The call, its row locked for the caller's transaction: waits for an originate that is recording its provider id. */
  findForUpdate(m: EntityManager, orgId: OrgId, callId: string): Promise<TelephonyCallEntity | null> {
    return m.getRepository(TelephonyCallEntity).findOne({ where: { callId: callId.toLowerCase(), organizationId: orgId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The originate claim (DESIGN §8.2): committed in its own statement, outside the caller's
   * transaction, because it must be durable before the provider is dialled — a redelivery, a
   * second replica or a crash after dialling then finds it and does not dial again. A later
   * attempt of an ended call claims the row again. Returns whether this caller holds the claim.
   * It goes through the side pool: the caller holds an inbox transaction of the main pool, and
   * taking a second main-pool connection deadlocked a burst of originates (issue 9).
   */
  async claimOutbound(orgId: OrgId, c: OutboundClaim): Promise<boolean> {
    const rows = await tenantQuery(
      this.autocommit,
      orgId,
      `INSERT INTO telephony_calls AS c (call_id, organization_id, provider_account_id, provider, direction, attempt, state, from_number, to_number, max_duration_seconds, deadline_at)
       VALUES ($2, $1, $3, $4, 'outbound', $5, 'dialing', $6, $7, $8, now() + make_interval(secs => $9))
       ON CONFLICT (call_id) DO UPDATE SET attempt = EXCLUDED.attempt, state = 'dialing', provider_call_id = NULL, ended_at = NULL, end_reason = NULL,
              deadline_at = EXCLUDED.deadline_at, last_fact_at = now()
        WHERE c.attempt < EXCLUDED.attempt AND c.ended_at IS NOT NULL AND c.organization_id = EXCLUDED.organization_id
       RETURNING call_id`,
      [c.callId, c.providerAccountId, c.provider, c.attempt, c.from, c.to, c.maxDurationSeconds, c.deadlineSeconds],
    );
    return rows.length > 0;
  }

  /** The provider accepted the originate: its call id and leg ids point at our call from now on. */
  async recordDialled(m: EntityManager, orgId: OrgId, callId: string, accountId: string, providerCallId: string, legIds: string[]): Promise<void> {
    await tenantQuery(
      m,
      orgId,
      `UPDATE telephony_calls SET provider_call_id = $3, state = CASE WHEN ${RANK_SQL('state')} < 1 THEN 'initiated' ELSE state END, last_fact_at = now()
        WHERE call_id = $2 AND organization_id = $1`,
      [callId, providerCallId],
    );
    const refs = [[providerCallId, 'call'], ...legIds.map((l) => [l, 'leg'])];
    await tenantQuery(
      m,
      orgId,
      `INSERT INTO provider_call_refs (provider_account_id, provider_ref, ref_kind, call_id, organization_id)
       SELECT $2, ref, kind, $3, $1 FROM unnest($4::text[], $5::text[]) AS x(ref, kind) ON CONFLICT DO NOTHING`,
      [accountId, callId, refs.map((r) => r[0]), refs.map((r) => r[1])],
    );
  }

  /** Ends the call unless it already ended: only the caller that flips `ended_at` may publish `ended`. */
  async end(m: EntityManager, orgId: OrgId, callId: string, endReason: CallEndReasonV1): Promise<boolean> {
    const rows = await tenantQuery(
      m,
      orgId,
      `UPDATE telephony_calls SET state = 'ended', ended_at = now(), end_reason = $3::jsonb, last_fact_at = now()
        WHERE call_id = $2 AND organization_id = $1 AND ended_at IS NULL RETURNING call_id`,
      [callId, JSON.stringify(endReason)],
    );
    return rows.length > 0;
  }

  /** A hangup for a call not dialled (yet): the first reason is kept. */
  async recordCancellation(m: EntityManager, orgId: OrgId, callId: string, reason: string): Promise<void> {
    await tenantQuery(
      m,
      orgId,
      `INSERT INTO call_cancellations (call_id, organization_id, reason) VALUES ($2, $1, $3) ON CONFLICT (call_id) DO NOTHING`,
      [callId, reason],
    );
  }

  /** The reason a call was hung up before it was dialled, if it was. */
  async cancellationOf(m: EntityManager, orgId: OrgId, callId: string): Promise<string | undefined> {
    const [row] = await tenantQuery<{ reason: string }>(m, orgId, `SELECT reason FROM call_cancellations WHERE call_id = $2 AND organization_id = $1`, [callId]);
    return row?.reason;
  }

  async extendDeadline(orgId: OrgId, callId: string, seconds: number): Promise<void> {
    await tenantQuery(
      this.dataSource,
      orgId,
      `UPDATE telephony_calls SET deadline_at = now() + make_interval(secs => $3) WHERE call_id = $2 AND organization_id = $1`,
      [callId, seconds],
    );
  }

  /** Platform maintenance across organizations (the reconciler), oldest deadline first. */
  async overdueAcrossOrganizations(now: Date, limit: number): Promise<OverdueCall[]> {
    const rows: Array<{ call_id: string; organization_id: string; provider_account_id: string; provider_call_id: string | null; direction: 'outbound' | 'inbound' }> =
      await this.dataSource.query(
        `SELECT call_id, organization_id, provider_account_id, provider_call_id, direction FROM telephony_calls
          WHERE ended_at IS NULL AND deadline_at < $1 ORDER BY deadline_at LIMIT $2`,
        [now, limit],
      );
    return rows.map((r) => ({
      callId: r.call_id,
      organizationId: r.organization_id as OrgId,
      providerAccountId: r.provider_account_id,
      providerCallId: r.provider_call_id,
      direction: r.direction,
    }));
  }
}
