import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNumber, IsOptional, Min, ValidateNested } from 'class-validator';
import { IsEntityId, IsIntBetween, IsText, IsTimestamp } from '../validation/decorators';

/** Request and reply bodies of rpc.ticketing.ticket.stats (J11, S4 §19–24). */

/**
 * How the figures are split: `none` (one group), `assignee` (S4 §24 "En iyiler", per operator; the ticket's
 * current assignee, no key for unassigned ones), `kind` (S4 §21 "İletişim kanalları", per ticket kind).
 */
export const TICKET_STATS_GROUP_BY = ['none', 'assignee', 'kind'] as const;
export type TicketStatsGroupBy = (typeof TICKET_STATS_GROUP_BY)[number];

/** The close target (HSA / SLA) when the request names none: 24 hours from creation to close. */
export const DEFAULT_CLOSE_TARGET_HOURS = 24;
export const TICKET_STATS_LIMITS = { closeTargetHours: { min: 1, max: 8760 } } as const;

export class TicketStatsRequest {
  @IsEntityId()
  organizationId: string;

  /** Start of the period, included. */
  @IsTimestamp()
  from: string;

  /** End of the period, excluded; before `from` is TICKET_STATS_PERIOD_INVERTED. */
  @IsTimestamp()
  to: string;

  @IsOptional()
  @IsIn(TICKET_STATS_GROUP_BY)
  groupBy?: TicketStatsGroupBy;

  @IsOptional()
  @IsIntBetween(TICKET_STATS_LIMITS.closeTargetHours.min, TICKET_STATS_LIMITS.closeTargetHours.max)
  closeTargetHours?: number;
}

/** The figures of one group for the period (S4 §19–24); averages are absent when no ticket counts for them. */
export class TicketStatsGroupReply {
  /** The assignee's user id or the ticket kind; absent for `none` and for unassigned tickets. */
  @IsOptional()
  @IsText(64)
  key?: string;

  /** Tickets created in the period. */
  @IsInt() @Min(0)
  new: number;

  /** Of those, the ones a customer's inbound call made (answered or missed). */
  @IsInt() @Min(0)
  newFromCustomer: number;

  /** Tickets that went from closed to another status in the period. */
  @IsInt() @Min(0)
  reopened: number;

  /** new + reopened (S4 §20). */
  @IsInt() @Min(0)
  newOrReopened: number;

  /** Tickets that changed (status, fields, calls) or got an operator's message in the period, besides being created. */
  @IsInt() @Min(0)
  inProgress: number;

  /** Tickets with a conversation with the customer (a call message) in the period. */
  @IsInt() @Min(0)
  withReply: number;

  /** Conversations with customers (call messages) in the period (S4 §24 "Toplam yanıt sayısı"). */
  @IsInt() @Min(0)
  replies: number;

  /** Tickets closed in the period that have a conversation with the customer. */
  @IsInt() @Min(0)
  closed: number;

  /** Conversations per ticket over those closed ones, counted up to their close. */
  @IsOptional()
  @IsNumber()
  averageRepliesToClose?: number;

  /** Seconds from creation to the (last) close in the period; a ticket created closed is left out. */
  @IsOptional()
  @IsNumber()
  averageCloseSeconds?: number;

  /** Of the tickets in averageCloseSeconds, those that took longer than the close target. */
  @IsInt() @Min(0)
  closeSlaBreaches: number;

  /** Seconds from creation to the first operator message, over non-call tickets created in the period (call tickets are left out). */
  @IsOptional()
  @IsNumber()
  averageFirstResponseSeconds?: number;
}

export class TicketStatsReply {
  @IsTimestamp()
  from: string;

  @IsTimestamp()
  to: string;

  @IsIn(TICKET_STATS_GROUP_BY)
  groupBy: TicketStatsGroupBy;

  @IsIntBetween(TICKET_STATS_LIMITS.closeTargetHours.min, TICKET_STATS_LIMITS.closeTargetHours.max)
  closeTargetHours: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TicketStatsGroupReply)
  groups: TicketStatsGroupReply[];
}
