import { Injectable } from '@nestjs/common';
import { tenantQuery, type OrgId, type Queryable } from '@santral/persistence';

export const HOUR_MS = 3_600_000;

/** The organization's calls started in the last hour: in all, and per campaign (null: direct calls). */
export interface HourOfCalls {
  total: number;
  oldest: Date | null;
  byCampaign: Map<string | null, { count: number; oldest: Date }>;
}

/** The sliding hour from its calls counted per campaign (as `lastHour` reads them, or a dispatch pass's first statement). */
export function hourOfCalls(rows: ReadonlyArray<{ campaignId: string | null; n: number; oldest: Date }>): HourOfCalls {
  const byCampaign = new Map(rows.map((r) => [r.campaignId, { count: r.n, oldest: r.oldest }] as const));
  const oldest = rows.reduce<Date | null>((o, r) => (o && o <= r.oldest ? o : r.oldest), null);
  return { total: rows.reduce((n, r) => n + r.n, 0), oldest, byCampaign };
}

/** The calls of organization $1 in the sliding hour, per campaign (`lastHour`, and a dispatch pass's first statement). */
export const CALLS_OF_THE_HOUR = `SELECT campaign_id, count(*)::int AS n, min(created_at) AS oldest FROM calls
  WHERE organization_id = $1 AND created_at > clock_timestamp() - interval '1 hour' GROUP BY campaign_id`;

/** What pacing reads from the calls the organization started (DESIGN §7: caps are counted from stored calls). */
@Injectable()
export class CallHistory {
  /** One statement: the calls of the sliding hour, grouped by campaign. */
  async lastHour(db: Queryable, orgId: OrgId): Promise<HourOfCalls> {
    const rows = await tenantQuery<{ campaign_id: string | null; n: number; oldest: Date }>(db, orgId, CALLS_OF_THE_HOUR);
    return hourOfCalls(rows.map((r) => ({ campaignId: r.campaign_id, n: r.n, oldest: new Date(r.oldest) })));
  }

  /** When each of these numbers was called in the last `days` days, across the organization's calls. */
  async recentTo(db: Queryable, orgId: OrgId, numbers: readonly string[], days: number): Promise<Map<string, Date[]>> {
    if (numbers.length === 0) return new Map();
    const rows = await tenantQuery<{ to_number: string; times: Date[] }>(
      db,
      orgId,
      `SELECT to_number, array_agg(created_at) AS times FROM calls
        WHERE organization_id = $1 AND to_number = ANY($2::text[]) AND created_at > clock_timestamp() - $3 * interval '1 day'
        GROUP BY to_number`,
      [[...new Set(numbers)], days],
    );
    return new Map(rows.map((r) => [r.to_number, r.times.map((t) => new Date(t))]));
  }
}
