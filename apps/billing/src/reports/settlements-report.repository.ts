import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { tenantQuery, type OrgId } from '@santral/persistence';

export interface SettlementTotals {
  day: string;
  campaignId: string | null;
  calls: number;
  connected: number;
  forwarded: number;
  talkSeconds: number;
  charged: number;
}

/** Totals of the settled calls per UTC day and campaign (H5), over [from, to). */
@Injectable()
export class SettlementsReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async totals(orgId: OrgId, from: string, to: string, campaignId: string | null): Promise<SettlementTotals[]> {
    const rows = await tenantQuery<Record<string, string | null>>(
      this.db.manager,
      orgId,
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, campaign_id,
              count(*) AS calls, count(*) FILTER (WHERE connected) AS connected,
              count(*) FILTER (WHERE connected AND forwarded_seconds > 0) AS forwarded,
              COALESCE(sum(talk_seconds), 0) AS talk, COALESCE(sum(charged), 0) AS charged
         FROM settlements
        WHERE organization_id = $1 AND created_at >= $2 AND created_at < $3 AND ($4::uuid IS NULL OR campaign_id = $4)
        GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST`,
      [from, to, campaignId],
    );
    return rows.map((r) => ({
      day: r.day!,
      campaignId: r.campaign_id,
      calls: Number(r.calls),
      connected: Number(r.connected),
      forwarded: Number(r.forwarded),
      talkSeconds: Number(r.talk),
      charged: Number(r.charged),
    }));
  }
}
