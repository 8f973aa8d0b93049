import type { TicketStatsGroupBy } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';

export interface TicketStatsQuery {
  /** [from, to): from included, to excluded. */
  from: Date;
  to: Date;
  groupBy: TicketStatsGroupBy;
  closeTargetSeconds: number;
}

/** One group's figures; averages are null when no ticket counts for them. */
export interface TicketStatsFigures {
  key: string | null;
  new: number;
  newFromCustomer: number;
  reopened: number;
  inProgress: number;
  withReply: number;
  replies: number;
  closed: number;
  averageRepliesToClose: number | null;
  averageCloseSeconds: number | null;
  closeSlaBreaches: number;
  averageFirstResponseSeconds: number | null;
}

/** Port: the period's figures, added up in the database over tickets, their messages and their history. */
export abstract class TicketStatsPort {
  /** One row per group (exactly one for `none`), ordered by key, unassigned first. */
  abstract figures(orgId: OrgId, query: TicketStatsQuery): Promise<TicketStatsFigures[]>;
}
