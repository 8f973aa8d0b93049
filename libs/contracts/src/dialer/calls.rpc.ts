import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { CallEndReasonV1 } from '../common/call-common';
import { IsE164, IsEntityId, IsIntBetween, IsNested, IsSeconds, IsText, IsTimestamp } from '../validation/decorators';
import { CALL_KINDS, CALL_STATES, type CallKind, type CallState } from '../vocabulary';

/** Request and reply bodies of the dialer's call queries (issue 10 item 10): GET /v1/calls and GET /v1/calls/{id}. */
export const CALL_QUERY_LIMITS = { listPageSize: 100, numberInput: 64 } as const;

/** rpc.dialer.call.list — newest first, keyset pages; every filter optional, all of them must hold. */
export class CallSearchRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  @IsOptional()
  @IsIn(CALL_STATES)
  state?: CallState;

  /** The callee in any form the organization writes it (normalized with its default country). */
  @IsOptional()
  @IsText(CALL_QUERY_LIMITS.numberInput)
  number?: string;

  @IsOptional()
  @IsEntityId()
  operatorUserId?: string;

  /** Calls created at or after this instant. */
  @IsOptional()
  @IsTimestamp()
  from?: string;

  /** Calls created before this instant. */
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @IsOptional()
  @IsIntBetween(1, CALL_QUERY_LIMITS.listPageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

/** rpc.dialer.call.get */
export class CallGetRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;
}

/** One state change of a call, in the order it happened. */
export class CallTransitionReply {
  /** Absent for the first state of the call. */
  @IsOptional()
  @IsIn(CALL_STATES)
  from?: CallState;

  @IsIn(CALL_STATES)
  to: CallState;

  /** What moved it: `api`, `dispatched`, `telephony:<fact>`, `watchdog:<why>`; `rejected:` when the fact was kept but the state did not move. */
  @IsText(200)
  cause: string;

  @IsTimestamp()
  at: string;
}

/** A call as the dialer knows it; a call still waiting for a slot is `queued` with attempt 0. */
export class CallReply {
  @IsEntityId()
  callId: string;

  @IsIn(CALL_KINDS)
  kind: CallKind;

  @IsIn(CALL_STATES)
  state: CallState;

  @IsIntBetween(0, 100)
  attempt: number;

  @IsE164()
  to: string;

  @IsOptional()
  @IsE164()
  from?: string;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  @IsOptional()
  @IsEntityId()
  taskId?: string;

  @IsOptional()
  @IsEntityId()
  agentId?: string;

  @IsOptional()
  @IsEntityId()
  operatorUserId?: string;

  @IsOptional()
  @IsEntityId()
  providerAccountId?: string;

  @IsOptional()
  @IsText(200)
  providerCallId?: string;

  /** With the provider's own code and the SIP cause when the end fact carried them (E5). */
  @IsOptional()
  @IsNested(() => CallEndReasonV1)
  endReason?: CallEndReasonV1;

  @IsOptional()
  @IsSeconds()
  talkSeconds?: number;

  @IsOptional()
  @IsSeconds()
  waitSeconds?: number;

  @IsOptional()
  @IsSeconds()
  totalSeconds?: number;

  @IsOptional()
  @IsSeconds()
  forwardedSeconds?: number;

  @IsTimestamp()
  createdAt: string;

  @IsOptional()
  @IsTimestamp()
  endedAt?: string;
}

/** rpc.dialer.call.get reply: the call and every transition it went through. */
export class CallDetailReply extends CallReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CallTransitionReply)
  transitions: CallTransitionReply[];
}

export class CallPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CallReply)
  items: CallReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}
