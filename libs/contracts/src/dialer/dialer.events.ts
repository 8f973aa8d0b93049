import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes';
import { IsDialTarget, IsE164, IsEntityId, IsIntBetween, IsSeconds, IsText, IsTimestamp, IsNested } from '../validation/decorators';
import {
  CALL_DIRECTIONS,
  CALL_END_REASONS,
  CALL_KINDS,
  CALL_STATES,
  RETRY_DISPOSITIONS,
  TASK_KINDS,
  TASK_OUTCOMES,
  type CallDirection,
  type CallEndReason,
  type CallKind,
  type CallState,
  type RetryDisposition,
  type TaskKind,
  type TaskOutcome,
} from '../vocabulary';
import { CallEndReasonV1, ProviderOperatorV1 } from '../common/call-common';

/**
 * The dialer's call state events: the canonical life cycle of every call, outbound and
 * inbound (E1). Each carries the call's identity so consumers need no lookup.
 */
export class DialerCallStateV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsIntBetween(1, 100)
  attempt: number;

  @IsIn(CALL_DIRECTIONS)
  direction: CallDirection;

  @IsIn(CALL_KINDS)
  kind: CallKind;

  /** State after the transition; equals the subject's state. */
  @IsIn(CALL_STATES)
  state: CallState;

  /** The state before, when there was one (absent on queued / inbound received). */
  @IsOptional()
  @IsIn(CALL_STATES)
  previousState?: CallState;

  @IsOptional()
  @IsE164()
  from?: string;

  @IsE164()
  to: string;

  @IsOptional()
  @IsEntityId()
  taskId?: string;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  @IsOptional()
  @IsEntityId()
  contactId?: string;

  @IsOptional()
  @IsEntityId()
  agentId?: string;

  @IsOptional()
  @IsEntityId()
  operatorUserId?: string;

  @IsOptional()
  @IsEntityId()
  ticketId?: string;
}

/** dialer.call.queued.v1 — waiting for a slot / window / rate cap. */
export class DialerCallQueuedV1 extends DialerCallStateV1 {}

/** dialer.call.dialing.v1 — slot taken, credits reserved, originate sent. */
export class DialerCallDialingV1 extends DialerCallStateV1 {
  @IsEntityId()
  providerAccountId: string;
}

/** dialer.call.ringing.v1 */
export class DialerCallRingingV1 extends DialerCallStateV1 {}

/** dialer.call.answered.v1 — state in_progress. */
export class DialerCallAnsweredV1 extends DialerCallStateV1 {
  @IsOptional()
  @IsNested(() => ProviderOperatorV1)
  operator?: ProviderOperatorV1;
}

/** dialer.call.forwarding.v1 */
export class DialerCallForwardingV1 extends DialerCallStateV1 {
  @IsDialTarget()
  target: string;
}

/** dialer.call.ended.v1 — exactly one per call (invariant 3); state is the terminal one. */
export class DialerCallEndedV1 extends DialerCallStateV1 {
  @IsNested(() => CallEndReasonV1)
  endReason: CallEndReasonV1;

  @IsSeconds()
  talkSeconds: number;

  @IsSeconds()
  waitSeconds: number;

  @IsSeconds()
  totalSeconds: number;

  @IsSeconds()
  forwardedSeconds: number;

  @IsOptional()
  @IsTimestamp()
  answeredAt?: string;

  @IsOptional()
  @IsEntityId()
  providerAccountId?: string;

  @IsOptional()
  @IsText(200)
  providerCallId?: string;

  @IsOptional()
  @IsEntityId()
  reservationId?: string;

  @IsOptional()
  @IsNested(() => ProviderOperatorV1)
  operator?: ProviderOperatorV1;

  /** A named pre-check error when the call never reached the provider (E4). */
  @IsOptional()
  @IsIn(ERROR_CODES)
  errorCode?: ErrorCode;
}

export class CreatedTaskV1 {
  @IsEntityId()
  taskId: string;

  @IsOptional()
  @IsEntityId()
  contactId?: string;

  @IsE164()
  to: string;
}

/** dialer.task.created.v1 — tasks stored (one batch per campaign.call.requested, or one callback). */
export class DialerTaskCreatedV1 {
  @IsEntityId()
  organizationId: string;

  @IsIn(TASK_KINDS)
  kind: TaskKind;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  /** The campaign.call.requested batch these tasks came from. */
  @IsOptional()
  @IsEntityId()
  batchId?: string;

  /** The missed call a callback task answers (F3). */
  @IsOptional()
  @IsEntityId()
  sourceCallId?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CreatedTaskV1)
  tasks: CreatedTaskV1[];
}

class TaskRefV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  taskId: string;

  @IsIn(TASK_KINDS)
  kind: TaskKind;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  @IsOptional()
  @IsEntityId()
  contactId?: string;

  /** A callback task's missed call (F3): the call whose ticket logs the callback's outcome. */
  @IsOptional()
  @IsEntityId()
  sourceCallId?: string;
}

/** dialer.task.retry_scheduled.v1 */
export class DialerTaskRetryScheduledV1 extends TaskRefV1 {
  @IsIn(RETRY_DISPOSITIONS)
  disposition: RetryDisposition;

  /** The attempt number the retry will make. */
  @IsIntBetween(2, 100)
  nextAttempt: number;

  @IsTimestamp()
  notBefore: string;

  @IsEntityId()
  lastCallId: string;
}

/** dialer.task.finished.v1 — the task will not be dialled again. */
export class DialerTaskFinishedV1 extends TaskRefV1 {
  @IsIn(TASK_OUTCOMES)
  outcome: TaskOutcome;

  @IsIntBetween(0, 100)
  attempts: number;

  @IsOptional()
  @IsEntityId()
  lastCallId?: string;

  @IsOptional()
  @IsIn(CALL_END_REASONS)
  lastEndReason?: CallEndReason;

  /** Named reason a task was blocked (TO_NUMBER_NOT_ALLOWS_CALLOUT, AGENT_INACTIVE, …). */
  @IsOptional()
  @IsIn(ERROR_CODES)
  errorCode?: ErrorCode;
}
