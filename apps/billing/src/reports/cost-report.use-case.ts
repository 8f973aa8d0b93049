import { Injectable } from '@nestjs/common';
import { DomainError, type CostReportReply, type CostReportRequest, type CostReportRowReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { instant } from '../ledger/instant';
import { toCredits } from '../ledger/money';
import { costFlags } from './cost-flags';
import { SettlementsReportRepository, type SettlementTotals } from './settlements-report.repository';

/** The longest period one report covers. */
const MAX_DAYS = 93;

/**
 * GET /v1/billing/cost-report (H5): from the settlements, per UTC day and campaign — calls,
 * minutes, cost, average duration of connected calls, failure rate, forwarding rate, cost per
 * call — and the flags that say what to look at.
 */
@Injectable()
export class CostReportUseCase {
  constructor(private readonly settlements: SettlementsReportRepository) {}

  async execute(input: CostReportRequest): Promise<CostReportReply> {
    const [fromAt, toAt] = [instant(input.from, 'from'), instant(input.to, 'to')];
    const from = Date.parse(fromAt);
    const to = Date.parse(toAt);
    if (!(to > from)) throw DomainError.validation([{ field: 'to', message: 'to must be after from' }]);
    if (to - from > MAX_DAYS * 86_400_000) throw DomainError.validation([{ field: 'to', message: `a report covers at most ${MAX_DAYS} days` }]);
    const totals = await this.settlements.totals(asOrgId(input.organizationId), fromAt, toAt, input.campaignId ?? null);
    return { rows: totals.map(reportRow) };
  }
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

function reportRow(t: SettlementTotals): CostReportRowReply {
  const cost = toCredits(t.charged);
  const averageDurationSeconds = t.connected ? round(t.talkSeconds / t.connected, 1) : 0;
  const failureRate = t.calls ? round((t.calls - t.connected) / t.calls, 4) : 0;
  const forwardingRate = t.connected ? round(t.forwarded / t.connected, 4) : 0;
  return {
    day: t.day,
    campaignId: t.campaignId,
    calls: t.calls,
    minutes: round(t.talkSeconds / 60, 2),
    cost,
    averageDurationSeconds,
    failureRate,
    forwardingRate,
    costPerCall: t.calls ? round(cost / t.calls, 4) : 0,
    flags: costFlags({ averageDurationSeconds, failureRate, forwardingRate }),
  };
}
