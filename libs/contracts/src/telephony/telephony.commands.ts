import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsDialTarget, IsE164, IsEntityId, IsIntBetween, IsText, IsNested, IsStringMap } from '../validation/decorators';
import { CALL_END_REASONS, CALL_KINDS, type CallEndReason, type CallKind } from '../vocabulary';

/**
 * Commands to the telephony-gateway, sent by the dialer through its outbox and delivered
 * durably by JetStream (the dialer must not lose an originate, and the telephony-gateway
 * dedupes on callId + attempt so a redelivery never dials twice — invariant 2).
 */

/** Click-to-call (E6): the operator's phone rings first, then the customer is dialled. */
export class OperatorLegV1 {
  @IsEntityId()
  userId: string;

  /** The operator's phone or SIP endpoint. */
  @IsDialTarget()
  endpoint: string;
}

/** telephony.call.originate.v1 */
export class OriginateCallV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  /** 1 for the first try of a task; (callId, attempt) is the idempotency key. */
  @IsIntBetween(1, 100)
  attempt: number;

  @IsIn(CALL_KINDS)
  kind: CallKind;

  @IsEntityId()
  providerAccountId: string;

  /** Caller ID shown to the callee (a hotline of the organization). */
  @IsE164()
  from: string;

  @IsE164()
  to: string;

  /** The AI voice agent that talks on the call, if any. */
  @IsOptional()
  @IsEntityId()
  agentId?: string;

  @IsOptional()
  @IsNested(() => OperatorLegV1)
  operatorLeg?: OperatorLegV1;

  @IsOptional()
  @IsEntityId()
  campaignId?: string;

  /** Credit reservation made for this attempt (billing settles it at hang-up). */
  @IsOptional()
  @IsEntityId()
  reservationId?: string;

  /** Ring timeout (E3, default 30 s); past it the call ends as no_answer. */
  /** The contact's own values for the agent's prompt (`{{variables}}`). */
  @IsOptional()
  @IsStringMap(50, 2000)
  variables?: Record<string, string>;

  @IsIntBetween(5, 300)
  ringTimeoutSeconds: number;

  @IsOptional()
  @IsIntBetween(10, 86_400)
  maxDurationSeconds?: number;

  @IsBoolean()
  record: boolean;
}

/** telephony.call.hangup.v1 */
export class HangupCallV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsIn(CALL_END_REASONS)
  reason: CallEndReason;

  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** telephony.call.transfer.v1 — forward to a number or SIP URI (E7). */
export class TransferCallV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsDialTarget()
  target: string;

  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** telephony.sms.send.v1 — e.g. "we missed your call" by a message rule (F3). */
export class SendSmsV1 {
  @IsEntityId()
  organizationId: string;

  /** Idempotency key: the same smsId is sent at most once. */
  @IsEntityId()
  smsId: string;

  @IsOptional()
  @IsEntityId()
  providerAccountId?: string;

  @IsOptional()
  @IsE164()
  from?: string;

  @IsE164()
  to: string;

  @IsText(1600)
  body: string;

  /** The call that triggered it (missed call), if any. */
  @IsOptional()
  @IsEntityId()
  callId?: string;

  @IsOptional()
  @IsEntityId()
  ruleId?: string;
}
