import { IsIn, IsOptional } from 'class-validator';
import { IsEntityId, IsIntBetween, IsText } from '../validation/decorators';
import { CALL_STATES, type CallState } from '../vocabulary';

/** Request and reply bodies of rpc.dialer.* (rpc.dialer.settings.get asks with OrganizationQuery). */

/** rpc.dialer.settings.get reply: the dialer's view of the organization's capacity. */
export class DialerSettingsReply {
  @IsEntityId()
  organizationId: string;

  @IsIntBetween(0, 10_000)
  concurrentSlots: number;

  @IsIntBetween(0, 10_000)
  reservedInboundSlots: number;

  @IsIntBetween(0, 1_000_000)
  callsPerHour: number;

  @IsIntBetween(0, 10_000)
  activeCalls: number;
}

/**
 * rpc.dialer.call.create — a single call, a test call or click-to-call (E6). Numbers are
 * raw input: the dialer normalizes them within the E4 check order.
 */
export class CreateCallRequest {
  @IsEntityId()
  organizationId: string;

  @IsIn(['single', 'click_to_call', 'test'])
  kind: 'single' | 'click_to_call' | 'test';

  @IsText(64)
  to: string;

  @IsOptional()
  @IsText(64)
  from?: string;

  @IsOptional()
  @IsEntityId()
  agentId?: string;

  /** The operator whose phone rings first (click-to-call). */
  @IsOptional()
  @IsEntityId()
  operatorUserId?: string;

  @IsOptional()
  @IsEntityId()
  customerId?: string;

  @IsOptional()
  @IsEntityId()
  ticketId?: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

export class CallAcceptedReply {
  @IsEntityId()
  callId: string;

  @IsIn(CALL_STATES)
  state: CallState;
}

/** rpc.dialer.call.hangup */
export class CallControlRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** rpc.dialer.call.transfer — raw target, validated by the dialer (INVALID_TRANSFER_TARGET). */
export class CallTransferRequest extends CallControlRequest {
  @IsText(300)
  target: string;
}
