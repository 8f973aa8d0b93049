import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, type CostReportReply, type CostReportRequest, type CostReportRowReply } from '@santral/contracts';
import { asOrgId, tenantQuery } from '@santral/persistence';
import { instant } from '../ledger/instant';
import { toCredits } from '../ledger/money';
import { costFlags } from './cost-flags';

/** The longest period one report covers. */
const MAX_DAYS = 93;

/**
 * GET /v1/billing/cost-report (H5): from the settlements, per UTC day and campaign — calls,
 * minutes, cost, average duration of connected calls, failure rate, forwarding rate, cost per
 * call — and the flags that say what to look at.
 */
@Injectable()
export class CostReportUseCase {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute(input: CostReportRequest): Promise<CostReportReply> {
    const [fromAt, toAt] = [instant(input.from, 'from'), instant(input.to, 'to')];
    const from = Date.parse(fromAt);
    const to = Date.parse(toAt);
    if (!(to > from)) throw DomainError.validation([{ field: 'to', message: 'to must be after from' }]);
    if (to - from > MAX_DAYS * 86_400_000) throw DomainError.validation([{ field: 'to', message: `a report covers at most ${MAX_DAYS} days` }]);
    const rows = await tenantQuery<{ day: string; campaign_id: string | null; calls: string; connected: string; forwarded: string; talk: string; charged: string }>(
      this.db.manager,
      asOrgId(input.organizationId),
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, campaign_id,
              count(*) AS calls, count(*) FILTER (WHERE connected) AS connected,
              count(*) FILTER (WHERE connected AND forwarded_seconds > 0) AS forwarded,
              COALESCE(sum(talk_seconds), 0) AS talk, COALESCE(sum(charged), 0) AS charged
         FROM settlements
        WHERE organization_id = $1 AND created_at >= $2 AND created_at < $3 AND ($4::uuid IS NULL OR campaign_id = $4)
        GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST`,
      [fromAt, toAt, input.campaignId ?? null],
    );
    return { rows: rows.map(reportRow) };
  }
}

function reportRow(r: { day: string; campaign_id: string | null; calls: string; connected: string; forwarded: string; talk: string; charged: string }): CostReportRowReply {
  const calls = Number(r.calls);
  const connected = Number(r.connected);
  const talk = Number(r.talk);
  const cost = toCredits(Number(r.charged));
  const averageDurationSeconds = connected ? Math.round((talk / connected) * 10) / 10 : 0;
  const failureRate = calls ? Math.round(((calls - connected) / calls) * 10_000) / 10_000 : 0;
  const forwardingRate = connected ? Math.round((Number(r.forwarded) / connected) * 10_000) / 10_000 : 0;
  return {
    day: r.day,
    campaignId: r.campaign_id,
    calls,
    minutes: Math.round((talk / 60) * 100) / 100,
    cost,
    averageDurationSeconds,
    failureRate,
    forwardingRate,
    costPerCall: calls ? Math.round((cost / calls) * 10_000) / 10_000 : 0,
    flags: costFlags({ averageDurationSeconds, failureRate, forwardingRate }),
  };
}
