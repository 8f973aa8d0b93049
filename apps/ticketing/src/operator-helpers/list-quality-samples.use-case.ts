import { Injectable } from '@nestjs/common';
import { DomainError, OPERATOR_HELPER_LIMITS as L, type QualitySampleReply, type QualitySampleRequest, type QualitySampleOperatorV1 } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { OrganizationTimeZone, QualitySampleReader } from './operator-helpers.port';
import { isKnownTimeZone, previousLocalDay } from './sample-period';

const invalid = (field: string, message: string) => DomainError.validation([{ field, message }], 'The sample period is not valid');

/**
 * K9 quality review: per operator, `perOperator` (default 3) of their answered, ended calls of the
 * period. Without from/to the period is the previous full day in the organization's time zone (UTC
 * until ticketing has heard the zone). The sample is a pure function of the period: the same
 * from/to always gives the same calls.
 */
@Injectable()
export class ListQualitySamplesUseCase {
  constructor(
    private readonly reader: QualitySampleReader,
    private readonly timeZone: OrganizationTimeZone,
    private readonly clock: Clock,
  ) {}

  async execute(input: QualitySampleRequest): Promise<QualitySampleReply> {
    const orgId = asOrgId(input.organizationId);
    const perOperator = input.perOperator ?? L.sample.default;
    const period = await this.periodOf(input);
    const seed = `${period.from.toISOString()}/${period.to.toISOString()}`;
    const calls = await this.reader.sample(orgId, period, perOperator, seed);
    const operators = new Map<string, QualitySampleOperatorV1>();
    for (const c of calls) {
      const op = operators.get(c.operatorUserId) ?? { operatorUserId: c.operatorUserId, callCount: c.callCount, calls: [] };
      op.calls.push({
        callId: c.callId,
        ...(c.ticketId ? { ticketId: c.ticketId } : {}),
        startedAt: c.startedAt,
        endedAt: c.endedAt,
        talkSeconds: c.talkSeconds,
        ...(c.recordingUrl ? { recordingUrl: c.recordingUrl } : {}),
      });
      operators.set(c.operatorUserId, op);
    }
    return { from: period.from.toISOString(), to: period.to.toISOString(), perOperator, operators: [...operators.values()] };
  }

  private async periodOf(input: QualitySampleRequest): Promise<{ from: Date; to: Date }> {
    if (input.from === undefined && input.to === undefined) {
      const zone = (await this.timeZone.of(asOrgId(input.organizationId))) ?? 'UTC';
      return previousLocalDay(this.clock.now(), isKnownTimeZone(zone) ? zone : 'UTC');
    }
    if (input.from === undefined) throw invalid('from', 'from is required with to');
    if (input.to === undefined) throw invalid('to', 'to is required with from');
    const from = new Date(input.from);
    const to = new Date(input.to);
    if (to.getTime() <= from.getTime()) throw invalid('to', 'to must be after from');
    if (to.getTime() - from.getTime() > L.periodDays * 86_400_000) throw invalid('to', `the period may span at most ${L.periodDays} days`);
    return { from, to };
  }
}
