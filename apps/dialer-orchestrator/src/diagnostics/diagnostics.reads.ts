import { Injectable } from '@nestjs/common';
import type { CallState, CampaignTaskTotalsV1 } from '@santral/contracts';
import { tenantQuery, type OrgId, type Queryable } from '@santral/persistence';

export interface TaskTotals extends CampaignTaskTotalsV1 {
  retryWaiting: number;
  nextRetry: Date | null;
}

/** The reads behind a campaign's diagnostics (D5); each takes the organization first. */
@Injectable()
export class DiagnosticsReads {
  async taskTotals(db: Queryable, orgId: OrgId, campaignId: string): Promise<TaskTotals> {
    const [r] = await tenantQuery<{
      pending: number; due: number; dialing: number; retry_scheduled: number; finished: number; cancelled: number; retry_waiting: number; next_retry: Date | null;
    }>(
      db,
      orgId,
      `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
              count(*) FILTER (WHERE state IN ('pending', 'retry_scheduled') AND not_before <= clock_timestamp())::int AS due,
              count(*) FILTER (WHERE state = 'dialing')::int AS dialing,
              count(*) FILTER (WHERE state = 'retry_scheduled')::int AS retry_scheduled,
              count(*) FILTER (WHERE state = 'finished')::int AS finished,
              count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE state = 'retry_scheduled' AND not_before > clock_timestamp())::int AS retry_waiting,
              min(not_before) FILTER (WHERE state = 'retry_scheduled' AND not_before > clock_timestamp()) AS next_retry
         FROM call_tasks WHERE organization_id = $1 AND campaign_id = $2`,
      [campaignId],
    );
    return {
      pending: r.pending, due: r.due, dialing: r.dialing, retryScheduled: r.retry_scheduled, finished: r.finished, cancelled: r.cancelled,
      retryWaiting: r.retry_waiting, nextRetry: r.next_retry ? new Date(r.next_retry) : null,
    };
  }

  /** Waiting tasks (pending, or a retry that is due) grouped by their contact's zone, or by number when the list gave none. */
  async waitingByZone(db: Queryable, orgId: OrgId, campaignId: string): Promise<Array<{ timeZone: string | null; toNumber: string; tasks: number }>> {
    const rows = await tenantQuery<{ time_zone: string | null; to_number: string; n: number }>(
      db,
      orgId,
      `SELECT time_zone, min(to_number) AS to_number, count(*)::int AS n FROM call_tasks
        WHERE organization_id = $1 AND campaign_id = $2 AND (state = 'pending' OR (state = 'retry_scheduled' AND not_before <= clock_timestamp()))
        GROUP BY time_zone, CASE WHEN time_zone IS NULL THEN to_number END
        LIMIT 2000`,
      [campaignId],
    );
    return rows.map((r) => ({ timeZone: r.time_zone, toNumber: r.to_number, tasks: r.n }));
  }

  /** The organization's live slot leases and the calls holding them. */
  async slotHolders(db: Queryable, orgId: OrgId): Promise<Array<{ slotNo: number; callId: string; state: CallState | null; campaignId: string | null; since: Date }>> {
    const rows = await tenantQuery<{ slot_no: number; call_id: string; state: CallState | null; campaign_id: string | null; leased_at: Date }>(
      db,
      orgId,
      `SELECT l.slot_no, l.call_id, c.state, c.campaign_id, l.leased_at FROM slot_leases l
         LEFT JOIN calls c ON c.call_id = l.call_id AND c.organization_id = l.organization_id
        WHERE l.organization_id = $1 AND l.expires_at > now() AND l.kind = 'outbound' ORDER BY l.slot_no`,
    );
    return rows.map((r) => ({ slotNo: r.slot_no, callId: r.call_id, state: r.state, campaignId: r.campaign_id, since: new Date(r.leased_at) }));
  }

  /** The tokens the provider account's bucket holds now; null when it was never used. */
  async bucketTokens(db: Queryable, providerAccountId: string, perSecond: number): Promise<number | null> {
    // The bucket is the account's (a platform account may serve several organizations, ProviderRateBuckets).
    const [r] = (await db.query(
      `SELECT least($2::float8, tokens + greatest(0, extract(epoch FROM clock_timestamp() - refilled_at)) * $2::float8) AS available
         FROM provider_rate_buckets WHERE provider_account_id = $1`,
      [providerAccountId, perSecond],
    )) as Array<{ available: number }>;
    return r ? Number(r.available) : null;
  }

  /** Waiting tasks whose number already had `maxCalls` calls in the last `perDays` days (across the organization). */
  async frequencyCapped(db: Queryable, orgId: OrgId, campaignId: string, maxCalls: number, perDays: number): Promise<number> {
    const [r] = await tenantQuery<{ n: number }>(
      db,
      orgId,
      `SELECT count(*)::int AS n FROM call_tasks t
        WHERE t.organization_id = $1 AND t.campaign_id = $2 AND t.state IN ('pending', 'retry_scheduled')
          AND (SELECT count(*) FROM calls c WHERE c.organization_id = $1 AND c.to_number = t.to_number
                 AND c.created_at > clock_timestamp() - $4 * interval '1 day') >= $3`,
      [campaignId, maxCalls, perDays],
    );
    return r.n;
  }
}
