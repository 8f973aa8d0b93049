import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { CallingWindowV1 } from '../campaign/campaign.events';
import { IsE164, IsEntityId, IsIntBetween, IsText, IsTimestamp } from '../validation/decorators';

/**
 * Message rules (F3): when a missed inbound call matches one — the number called, business hours —
 * the caller gets "we missed your call" once per window, and the rule may delay the callback task.
 */
export const MESSAGE_RULE_LIMITS = {
  nameLength: 200,
  templateLength: 480,
  calledNumbers: 100,
  businessHours: 12,
  windowHours: { min: 1, max: 720, default: 24 },
  callbackAfterMinutes: { min: 0, max: 1440 },
  priority: { min: 0, max: 10_000, default: 100 },
  listPageSize: 100,
} as const;
const L = MESSAGE_RULE_LIMITS;

export const MESSAGE_RULE_CHANNELS = ['sms'] as const;
export type MessageRuleChannel = (typeof MESSAGE_RULE_CHANNELS)[number];

export const MESSAGE_RULE_WHEN = ['always', 'outside_business_hours', 'inside_business_hours'] as const;
export type MessageRuleWhen = (typeof MESSAGE_RULE_WHEN)[number];

/** The variables a template may use, as `{{name}}`. */
export const MESSAGE_TEMPLATE_VARIABLES = ['callerNumber', 'calledNumber'] as const;

class MessageRuleFields {
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.calledNumbers)
  @ArrayUnique()
  @IsE164({ each: true })
  calledNumbers?: string[];

  @IsOptional()
  @IsIn(MESSAGE_RULE_WHEN)
  when?: MessageRuleWhen;

  /** Weekday windows in the organization's time zone; required unless `when` is `always`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.businessHours)
  @ValidateNested({ each: true })
  @Type(() => CallingWindowV1)
  businessHours?: CallingWindowV1[];

  @IsOptional()
  @IsIntBetween(L.windowHours.min, L.windowHours.max)
  windowHours?: number;

  /** The callback task of a missed call this rule matches is due this much later; null (on update): at once. */
  @IsOptional()
  @IsIntBetween(L.callbackAfterMinutes.min, L.callbackAfterMinutes.max)
  callbackAfterMinutes?: number | null;

  @IsOptional()
  @IsIntBetween(L.priority.min, L.priority.max)
  priority?: number;
}

/** rpc.dialer.message_rule.create */
export class MessageRuleCreateRequest extends MessageRuleFields {
  @IsEntityId()
  organizationId: string;

  @IsText(L.nameLength)
  name: string;

  @IsIn(MESSAGE_RULE_CHANNELS)
  channel: MessageRuleChannel;

  @IsText(L.templateLength)
  template: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.dialer.message_rule.update — each given field is replaced. */
export class MessageRuleUpdateRequest extends MessageRuleFields {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  id: string;

  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @IsOptional()
  @IsIn(MESSAGE_RULE_CHANNELS)
  channel?: MessageRuleChannel;

  @IsOptional()
  @IsText(L.templateLength)
  template?: string;
}

/** rpc.dialer.message_rule.get / .delete */
export class MessageRuleRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  id: string;
}

/** rpc.dialer.message_rule.list — newest first. */
export class MessageRuleListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

export class MessageRuleReply {
  @IsEntityId()
  id: string;

  @IsText(L.nameLength)
  name: string;

  @IsBoolean()
  active: boolean;

  @IsIn(MESSAGE_RULE_CHANNELS)
  channel: MessageRuleChannel;

  @IsArray()
  @IsE164({ each: true })
  calledNumbers: string[];

  @IsIn(MESSAGE_RULE_WHEN)
  when: MessageRuleWhen;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CallingWindowV1)
  businessHours: CallingWindowV1[];

  @IsText(L.templateLength)
  template: string;

  @IsIntBetween(L.windowHours.min, L.windowHours.max)
  windowHours: number;

  @IsOptional()
  @IsIntBetween(L.callbackAfterMinutes.min, L.callbackAfterMinutes.max)
  callbackAfterMinutes?: number | null;

  @IsIntBetween(L.priority.min, L.priority.max)
  priority: number;

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;
}

export class MessageRulePageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MessageRuleReply)
  items: MessageRuleReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

export class MessageRuleDeletedReply {
  @IsEntityId()
  id: string;
}
