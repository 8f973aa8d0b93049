import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import {
  DEFAULT_CLOSE_TARGET_HOURS,
  IsIntBetween,
  IsTimestamp,
  TICKET_STATS_GROUP_BY,
  TICKET_STATS_LIMITS,
  type TicketStatsGroupBy,
} from '@santral/contracts';

const H = TICKET_STATS_LIMITS.closeTargetHours;

export class TicketStatsQueryDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the period, included' })
  @IsTimestamp()
  from: string;

  @ApiProperty({ format: 'date-time', description: 'End of the period, excluded; before `from` is 422 TICKET_STATS_PERIOD_INVERTED' })
  @IsTimestamp()
  to: string;

  @ApiPropertyOptional({
    enum: TICKET_STATS_GROUP_BY,
    default: 'none',
    description: "none: one group; assignee: per operator, the ticket's current assignee (S4 §24), no key for unassigned; kind: per ticket kind, the channel split of S4 §21",
  })
  @IsOptional()
  @IsIn(TICKET_STATS_GROUP_BY)
  groupBy?: TicketStatsGroupBy;

  @ApiPropertyOptional({ type: 'integer', minimum: H.min, maximum: H.max, default: DEFAULT_CLOSE_TARGET_HOURS, description: 'Close target (SLA) in hours from creation' })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(H.min, H.max)
  closeTargetHours?: number;
}

export class TicketStatsGroupDto {
  @ApiPropertyOptional({ description: 'The assignee user id (groupBy=assignee) or the ticket kind (groupBy=kind); absent for none and unassigned' }) key?: string;
  @ApiProperty({ type: 'integer', description: 'Tickets created in the period' }) new: number;
  @ApiProperty({ type: 'integer', description: "Of those, made by a customer's inbound call (answered or missed)" }) newFromCustomer: number;
  @ApiProperty({ type: 'integer', description: 'Tickets that went from closed to another status in the period' }) reopened: number;
  @ApiProperty({ type: 'integer', description: 'new + reopened' }) newOrReopened: number;
  @ApiProperty({ type: 'integer', description: "Tickets that changed (status, fields, calls) or got an operator's message in the period, besides being created" }) inProgress: number;
  @ApiProperty({ type: 'integer', description: 'Tickets with a conversation with the customer (a call message) in the period' }) withReply: number;
  @ApiProperty({ type: 'integer', description: 'Conversations with customers (call messages) in the period' }) replies: number;
  @ApiProperty({ type: 'integer', description: 'Tickets closed in the period that have a conversation with the customer' }) closed: number;
  @ApiPropertyOptional({ description: 'Conversations per ticket, up to its close, over the closed ones' }) averageRepliesToClose?: number;
  @ApiPropertyOptional({ description: 'Seconds from creation to close over the tickets closed in the period; a ticket created closed (same timestamps) is left out' }) averageCloseSeconds?: number;
  @ApiProperty({ type: 'integer', description: 'Of the tickets in averageCloseSeconds, those closed later than closeTargetHours after creation' }) closeSlaBreaches: number;
  @ApiPropertyOptional({ description: 'Seconds from creation to the first operator message over non-call tickets created in the period (call tickets are left out, S4 §22)' }) averageFirstResponseSeconds?: number;
}

export class TicketStatsDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ enum: TICKET_STATS_GROUP_BY }) groupBy: TicketStatsGroupBy;
  @ApiProperty({ type: 'integer' }) closeTargetHours: number;
  @ApiProperty({ type: [TicketStatsGroupDto] }) groups: TicketStatsGroupDto[];
}
