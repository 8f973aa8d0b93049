import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  IsE164,
  IsEntityId,
  IsText,
  TICKET_HANDSETS,
  TICKET_KINDS,
  TICKET_LIMITS,
  TICKET_SETTABLE_STATUSES,
  TICKET_STATUSES,
  type TicketHandset,
  type TicketKind,
  type TicketSettableStatus,
  type TicketStatus,
} from '@santral/contracts';
import { PageQueryDto } from '../common/common.dto';

const L = TICKET_LIMITS;

export class CreateTicketDto {
  @ApiProperty({ format: 'uuid', description: 'The call in progress (or just ended) the ticket is about' })
  @IsEntityId()
  callId: string;

  @ApiProperty({ format: 'uuid', description: 'The operator on the call on whose behalf the ticket is made (an API key carries no user)' })
  @IsEntityId()
  operatorUserId: string;

  @ApiProperty({ minLength: 1, maxLength: L.subject, example: 'Teslimat günü' })
  @IsText(L.subject)
  subject: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: L.summary, description: 'The call summary: what was said' })
  @IsOptional()
  @IsText(L.summary)
  summary?: string;
}

export class AttachCallDto {
  @ApiProperty({ format: 'uuid' })
  @IsEntityId()
  callId: string;

  @ApiProperty({ format: 'uuid', description: 'The operator on the call' })
  @IsEntityId()
  operatorUserId: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: L.summary, description: 'The call summary, left as a message on the ticket' })
  @IsOptional()
  @IsText(L.summary)
  summary?: string;
}

export class UpdateTicketDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.subject })
  @IsOptional()
  @IsText(L.subject)
  subject?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: L.summary })
  @IsOptional()
  @IsText(L.summary)
  summary?: string;

  @ApiPropertyOptional({ enum: TICKET_SETTABLE_STATUSES, description: 'closed (close), open (reopen a closed one), pending (a reply); others are 409 TICKET_INVALID_STATE' })
  @IsOptional()
  @IsIn(TICKET_SETTABLE_STATUSES)
  status?: TicketSettableStatus;
}

export class CallDraftDto {
  @ApiProperty({ format: 'uuid', description: 'The operator on the call' })
  @IsEntityId()
  operatorUserId: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: L.subject })
  @IsOptional()
  @IsText(L.subject)
  subject?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: L.summary })
  @IsOptional()
  @IsText(L.summary)
  summary?: string;
}

export class TicketCallDto {
  @ApiProperty({ format: 'uuid', description: "The operator whose endpoint rings first (click-to-call)" })
  @IsEntityId()
  operatorUserId: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, description: 'A caller number (hotline) of the organization' })
  @IsOptional()
  @IsText(64)
  from?: string;
}

export class TicketListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TICKET_KINDS })
  @IsOptional()
  @IsIn(TICKET_KINDS)
  kind?: TicketKind;

  @ApiPropertyOptional({ enum: TICKET_HANDSETS, description: 'red: a missed call not yet answered back (J7); green: answered back (J9)' })
  @IsOptional()
  @IsIn(TICKET_HANDSETS)
  handset?: TicketHandset;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsEntityId()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsEntityId()
  assigneeUserId?: string;

  @ApiPropertyOptional({ example: '+905551234567', description: 'E.164' })
  @IsOptional()
  @IsE164()
  callerNumber?: string;
}

export class TicketDto {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ enum: TICKET_KINDS }) kind: TicketKind;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty({ enum: TICKET_HANDSETS }) handset: TicketHandset;
  @ApiProperty() subject: string;
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional({ example: '+905551234567' }) callerNumber?: string;
  @ApiPropertyOptional({ format: 'uuid' }) customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) assigneeUserId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The newer ticket that closed this missed-call ticket (J10)' }) supersededBy?: string;
  @ApiProperty({ type: [String], format: 'uuid' }) callIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
}

export class TicketMessageDto {
  @ApiProperty({ format: 'uuid' }) messageId: string;
  @ApiProperty({ enum: ['call', 'attempt', 'missed_call'] }) kind: 'call' | 'attempt' | 'missed_call';
  @ApiPropertyOptional({ format: 'uuid' }) callId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) authorUserId?: string;
  @ApiPropertyOptional({ description: 'The call summary' }) body?: string;
  @ApiPropertyOptional({ description: 'Added when the provider reports the recording' }) recordingUrl?: string;
  @ApiPropertyOptional({ type: 'integer' }) recordingSeconds?: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TicketDetailDto extends TicketDto {
  @ApiProperty({ type: [TicketMessageDto] }) messages: TicketMessageDto[];
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketDto] }) items: TicketDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CallDraftReplyDto {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'uuid' }) operatorUserId: string;
  @ApiPropertyOptional() subject?: string;
  @ApiPropertyOptional() summary?: string;
}
