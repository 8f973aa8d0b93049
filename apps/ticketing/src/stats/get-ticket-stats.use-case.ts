import { Injectable } from '@nestjs/common';
import { DEFAULT_CLOSE_TARGET_HOURS, DomainError, type TicketStatsGroupReply, type TicketStatsReply, type TicketStatsRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { TicketStatsPort, type TicketStatsFigures } from './ticket-stats.port';

/** J11: the organization's ticket figures for [from, to), in one group or per assignee or kind (S4 §19–24). */
@Injectable()
export class GetTicketStatsUseCase {
  constructor(private readonly stats: TicketStatsPort) {}

  async execute(input: TicketStatsRequest): Promise<TicketStatsReply> {
    const from = new Date(input.from);
    const to = new Date(input.to);
    if (to < from) throw new DomainError('TICKET_STATS_PERIOD_INVERTED', `The period ends (${input.to}) before it starts (${input.from})`, { from: input.from, to: input.to });
    const groupBy = input.groupBy ?? 'none';
    const closeTargetHours = input.closeTargetHours ?? DEFAULT_CLOSE_TARGET_HOURS;
    const rows = await this.stats.figures(asOrgId(input.organizationId), { from, to, groupBy, closeTargetSeconds: closeTargetHours * 3600 });
    return { from: from.toISOString(), to: to.toISOString(), groupBy, closeTargetHours, groups: rows.map(toGroup) };
  }
}

function toGroup(f: TicketStatsFigures): TicketStatsGroupReply {
  return {
    ...(f.key !== null ? { key: f.key } : {}),
    new: f.new, newFromCustomer: f.newFromCustomer, reopened: f.reopened, newOrReopened: f.new + f.reopened, inProgress: f.inProgress,
    withReply: f.withReply, replies: f.replies, closed: f.closed, closeSlaBreaches: f.closeSlaBreaches,
    ...(f.averageRepliesToClose !== null ? { averageRepliesToClose: f.averageRepliesToClose } : {}),
    ...(f.averageCloseSeconds !== null ? { averageCloseSeconds: f.averageCloseSeconds } : {}),
    ...(f.averageFirstResponseSeconds !== null ? { averageFirstResponseSeconds: f.averageFirstResponseSeconds } : {}),
  };
}
