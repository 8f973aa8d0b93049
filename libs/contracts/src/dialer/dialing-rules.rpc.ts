import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { PhoneErrorCode } from '../common/phone.errors';
import { IsDialTarget, IsE164, IsEntityId, IsIntBetween, IsText, IsTimestamp } from '../validation/decorators';

/**
 * Request and reply bodies of the dialer's dialling rules (B4, E4, S3): the do-not-call list,
 * caller numbers (hotlines) and operators' presence. Numbers arrive raw: the dialer normalizes
 * them with the organization's default country before it stores or matches them.
 */
export const DIALING_RULE_LIMITS = {
  /**
   * Numbers per DNC request. The reply names a reason for every rejected one and must fit a
   * NATS message (1 MiB): 5,000 of the longest reasons are ~0.9 MB.
   */
  dncBatch: 5_000,
  /** libs/phone refuses longer input before parsing (MAX_PHONE_INPUT_LENGTH). */
  numberInput: 64,
  reasonLength: 200,
  labelLength: 200,
  groups: 50,
  groupLength: 64,
  listPageSize: 100,
} as const;

const L = DIALING_RULE_LIMITS;

export const PRESENCE_STATUSES = ['available', 'busy', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

class PageQuery {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  /** nextCursor of the previous page. */
  @IsOptional()
  @IsText(512)
  cursor?: string;
}

/** rpc.dialer.dnc.add — one number or many; each is normalized, the valid ones stored once. */
export class DncAddRequest {
  @IsEntityId()
  organizationId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.dncBatch)
  @IsText(L.numberInput, { each: true })
  numbers: string[];

  @IsOptional()
  @IsText(L.reasonLength)
  reason?: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

export class DncEntryReply {
  @IsEntityId()
  id: string;

  @IsE164()
  number: string;

  @IsOptional()
  @IsText(L.reasonLength)
  reason?: string | null;

  @IsTimestamp()
  createdAt: string;
}

/** One input that was stored (or was already on the list), by its position in `numbers`. */
export class DncAddedItem {
  @IsIntBetween(0, L.dncBatch - 1)
  index: number;

  @IsEntityId()
  id: string;

  @IsE164()
  number: string;

  /** false: the number was already on the list (or earlier in this request). */
  @IsBoolean()
  added: boolean;
}

/** One input that could not be normalized, by its position in `numbers`, with libs/phone's reason. */
export class DncRejectedItem {
  @IsIntBetween(0, L.dncBatch - 1)
  index: number;

  @IsIn(Object.values(PhoneErrorCode))
  code: PhoneErrorCode;

  @IsText(500)
  reason: string;
}

export class DncAddReply {
  @IsIntBetween(0, L.dncBatch)
  added: number;

  @IsIntBetween(0, L.dncBatch)
  alreadyListed: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DncAddedItem)
  entries: DncAddedItem[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DncRejectedItem)
  rejected: DncRejectedItem[];
}

/** rpc.dialer.dnc.list — newest first; `number` (raw) narrows it to that number's entry. */
export class DncListRequest extends PageQuery {
  @IsOptional()
  @IsText(L.numberInput)
  number?: string;
}

export class DncPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DncEntryReply)
  items: DncEntryReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/** rpc.dialer.dnc.remove — by the entry's id (GET /v1/dnc?number= finds it). */
export class DncRemoveRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  id: string;
}

export class DncRemovedReply {
  @IsEntityId()
  id: string;

  @IsE164()
  number: string;
}

/** rpc.dialer.hotline.create — a caller number of the organization. */
export class HotlineCreateRequest {
  @IsEntityId()
  organizationId: string;

  /** Raw: normalized like every number (an E.164 number passes unchanged). */
  @IsText(L.numberInput)
  number: string;

  @IsText(L.labelLength)
  label: string;

  /** Default true. */
  @IsOptional()
  @IsBoolean()
  outboundAllowed?: boolean;

  /** The user groups that may call out from it; empty or absent: every group. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.groups)
  @ArrayUnique()
  @IsText(L.groupLength, { each: true })
  allowedGroups?: string[];

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.dialer.hotline.update — the number stays; each given field is replaced. */
export class HotlineUpdateRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  id: string;

  @IsOptional()
  @IsText(L.labelLength)
  label?: string;

  @IsOptional()
  @IsBoolean()
  outboundAllowed?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.groups)
  @ArrayUnique()
  @IsText(L.groupLength, { each: true })
  allowedGroups?: string[];
}

/** rpc.dialer.hotline.get */
export class HotlineRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  id: string;
}

/** rpc.dialer.hotline.list */
export class HotlineListRequest extends PageQuery {}

export class HotlineReply {
  @IsEntityId()
  id: string;

  @IsE164()
  number: string;

  @IsText(L.labelLength)
  label: string;

  @IsBoolean()
  outboundAllowed: boolean;

  @IsArray()
  @IsText(L.groupLength, { each: true })
  allowedGroups: string[];

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;
}

export class HotlinePageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => HotlineReply)
  items: HotlineReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/**
 * rpc.dialer.presence.set — an operator's presence as the dialer uses it for
 * AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL. The api-gateway checked that the user is the organization's.
 */
export class PresenceSetRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  userId: string;

  @IsIn(PRESENCE_STATUSES)
  status: PresenceStatus;

  /** Only with `busy`: the call the operator is on. */
  @IsOptional()
  @IsEntityId()
  currentCallId?: string;

  /** The operator's phone (E.164) or SIP URI, rung first on a click-to-call (E6); kept when absent. */
  @IsOptional()
  @IsDialTarget()
  endpoint?: string;
}

export class PresenceReply {
  @IsEntityId()
  userId: string;

  @IsIn(PRESENCE_STATUSES)
  status: PresenceStatus;

  @IsOptional()
  @IsEntityId()
  currentCallId?: string | null;

  @IsOptional()
  @IsDialTarget()
  endpoint?: string | null;

  @IsTimestamp()
  updatedAt: string;
}
