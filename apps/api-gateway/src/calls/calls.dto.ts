import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  CALL_END_REASONS, CALL_END_STATUSES, CALL_FAULTS, CALL_KINDS, CALL_QUERY_LIMITS, CALL_STATES, IsEntityId, IsText, IsTimestamp,
  type CallKind, type CallState,
} from '@santral/contracts';
import { PageQueryDto } from '../common/common.dto';

const PLACEABLE_KINDS = ['single', 'click_to_call', 'test'] as const;

export class CreateCallDto {
  @ApiProperty({ enum: PLACEABLE_KINDS, description: '`single` and `test`: an AI agent talks (agentId required); `click_to_call`: the operator\'s phone rings first, then the customer\'s (operatorUserId required)' })
  @IsIn(PLACEABLE_KINDS)
  kind: (typeof PLACEABLE_KINDS)[number];

  @ApiProperty({ minLength: 1, maxLength: 64, example: '0555 123 45 67', description: "The callee in any form the organization writes it; read with its default country" })
  @IsText(64)
  to: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, example: '+902120000000', description: "A caller number (hotline) of the organization; absent: its oldest one that may call out" })
  @IsOptional()
  @IsText(64)
  from?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The AI agent that talks on the call (required for single and test)' })
  @IsOptional()
  @IsEntityId()
  agentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'click_to_call: the operator whose endpoint (PUT /v1/users/{id}/presence) rings first' })
  @IsOptional()
  @IsEntityId()
  operatorUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The customer record the call was started from' })
  @IsOptional()
  @IsEntityId()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The ticket the call was started from' })
  @IsOptional()
  @IsEntityId()
  ticketId?: string;
}

export class CallAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'The id support can quote (E5); GET /v1/calls/{id}' })
  callId: string;

  @ApiProperty({ enum: CALL_STATES, example: 'queued' })
  state: CallState;
}

export class TransferCallDto {
  @ApiProperty({ minLength: 1, maxLength: 300, example: '+905551234567', description: "A number in any form the organization writes it, or a SIP URI (`sip:100@pbx.example.com`)" })
  @IsText(300)
  target: string;
}

export class CallListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  @ApiPropertyOptional({ enum: CALL_STATES, description: 'The call\'s state (a terminal one is its end status)' })
  @IsOptional()
  @IsIn(CALL_STATES)
  state?: CallState;

  @ApiPropertyOptional({ minLength: 1, maxLength: CALL_QUERY_LIMITS.numberInput, description: 'The callee, in any form (normalized first)' })
  @IsOptional()
  @IsText(CALL_QUERY_LIMITS.numberInput)
  number?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsEntityId()
  operatorUserId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Calls created at or after' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Calls created before' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export class CallEndReasonDto {
  @ApiProperty({ enum: CALL_END_STATUSES })
  status: string;

  @ApiProperty({ enum: CALL_END_REASONS })
  reason: string;

  @ApiProperty({ enum: CALL_FAULTS })
  fault: string;

  @ApiProperty()
  billable: boolean;

  @ApiPropertyOptional({ description: "The provider's own code, verbatim (e.g. REQUEST_ANSWER_URL_ERROR)" })
  providerCode?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'SIP response code (486 busy, 480 unavailable, …)' })
  sipCause?: number;

  @ApiPropertyOptional()
  message?: string;
}

export class CallDto {
  @ApiProperty({ format: 'uuid' })
  callId: string;

  @ApiProperty({ enum: CALL_KINDS })
  kind: CallKind;

  @ApiProperty({ enum: CALL_STATES })
  state: CallState;

  @ApiProperty({ type: 'integer', description: '0 while queued' })
  attempt: number;

  @ApiProperty({ example: '+905551234567' })
  to: string;

  @ApiPropertyOptional({ example: '+902120000000' })
  from?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  taskId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  agentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  operatorUserId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  providerAccountId?: string;

  @ApiPropertyOptional()
  providerCallId?: string;

  @ApiPropertyOptional({ type: CallEndReasonDto })
  endReason?: CallEndReasonDto;

  @ApiPropertyOptional({ type: 'integer' })
  talkSeconds?: number;

  @ApiPropertyOptional({ type: 'integer' })
  waitSeconds?: number;

  @ApiPropertyOptional({ type: 'integer' })
  totalSeconds?: number;

  @ApiPropertyOptional({ type: 'integer' })
  forwardedSeconds?: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  endedAt?: string;
}

export class CallTransitionDto {
  @ApiPropertyOptional({ enum: CALL_STATES, description: 'Absent for the first state' })
  from?: string;

  @ApiProperty({ enum: CALL_STATES })
  to: string;

  @ApiProperty({ example: 'telephony:answered', description: '`api`, `dispatched`, `telephony:<fact>`, `watchdog:<why>`; `rejected:…` when a fact was kept but the state did not move' })
  cause: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class CallDetailDto extends CallDto {
  @ApiProperty({ type: [CallTransitionDto] })
  transitions: CallTransitionDto[];
}

export class CallPageDto {
  @ApiProperty({ type: [CallDto] })
  items: CallDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
