import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import {
  CLOCK_TIME_PATTERN,
  E164_PATTERN,
  IsClockTime,
  IsE164,
  IsIntBetween,
  IsText,
  MESSAGE_RULE_CHANNELS,
  MESSAGE_RULE_LIMITS as L,
  MESSAGE_RULE_WHEN,
  WEEKDAYS,
  type MessageRuleChannel,
  type MessageRuleWhen,
  type Weekday,
} from '@santral/contracts';

export class BusinessHoursDto {
  @ApiProperty({ pattern: CLOCK_TIME_PATTERN.source, example: '09:00', description: "Local time of the organization's time zone" })
  @IsClockTime()
  start: string;

  @ApiProperty({ pattern: CLOCK_TIME_PATTERN.source, example: '18:00', description: 'After start' })
  @IsClockTime()
  end: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', enum: [...WEEKDAYS] }, maxItems: 7, uniqueItems: true, description: 'Absent: every day', example: ['mon', 'tue', 'wed', 'thu', 'fri'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true })
  days?: Weekday[];
}

const TEMPLATE_DOC = {
  minLength: 1,
  maxLength: L.templateLength,
  example: 'We missed your call to {{calledNumber}}. We will call you back at {{callerNumber}} soon.',
  description: 'The SMS text; variables {{callerNumber}} and {{calledNumber}} (another variable is refused)',
} as const;
const NUMBERS_DOC = {
  type: 'array',
  items: { type: 'string', pattern: E164_PATTERN.source },
  maxItems: L.calledNumbers,
  uniqueItems: true,
  description: "Hotline numbers (E.164) of the organization the rule applies to; empty: every number",
  example: ['+902125551212'],
} as const;
const WHEN_DOC = { enum: [...MESSAGE_RULE_WHEN], default: 'always', description: 'businessHours are required unless always' } as const;
const HOURS_DOC: ApiPropertyOptions = { type: [BusinessHoursDto], maxItems: L.businessHours, description: "Weekday windows in the organization's time zone" };
const WINDOW_DOC = { type: 'integer', minimum: L.windowHours.min, maximum: L.windowHours.max, default: L.windowHours.default, description: 'A caller gets the message at most once per this many hours' } as const;
const CALLBACK_DOC = {
  type: 'integer', minimum: L.callbackAfterMinutes.min, maximum: L.callbackAfterMinutes.max, nullable: true,
  description: 'The callback task of a missed call this rule matches is due this many minutes later; null: at once',
} as const;
const PRIORITY_DOC = { type: 'integer', minimum: L.priority.min, maximum: L.priority.max, default: L.priority.default, description: 'Lower first: the first matching active rule wins' } as const;

export class CreateMessageRuleDto {
  @ApiProperty({ minLength: 1, maxLength: L.nameLength, example: 'After hours' })
  @IsText(L.nameLength)
  name: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ enum: [...MESSAGE_RULE_CHANNELS] })
  @IsIn(MESSAGE_RULE_CHANNELS)
  channel: MessageRuleChannel;

  @ApiPropertyOptional(NUMBERS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.calledNumbers)
  @ArrayUnique()
  @IsE164({ each: true })
  calledNumbers?: string[];

  @ApiPropertyOptional(WHEN_DOC)
  @IsOptional()
  @IsIn(MESSAGE_RULE_WHEN)
  when?: MessageRuleWhen;

  @ApiPropertyOptional(HOURS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.businessHours)
  @ValidateNested({ each: true })
  @Type(() => BusinessHoursDto)
  businessHours?: BusinessHoursDto[];

  @ApiProperty(TEMPLATE_DOC)
  @IsText(L.templateLength)
  template: string;

  @ApiPropertyOptional(WINDOW_DOC)
  @IsOptional()
  @IsIntBetween(L.windowHours.min, L.windowHours.max)
  windowHours?: number;

  @ApiPropertyOptional(CALLBACK_DOC)
  @IsOptional()
  @IsIntBetween(L.callbackAfterMinutes.min, L.callbackAfterMinutes.max)
  callbackAfterMinutes?: number | null;

  @ApiPropertyOptional(PRIORITY_DOC)
  @IsOptional()
  @IsIntBetween(L.priority.min, L.priority.max)
  priority?: number;
}

/** Each field given replaces the stored one. */
export class UpdateMessageRuleDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.nameLength })
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: [...MESSAGE_RULE_CHANNELS] })
  @IsOptional()
  @IsIn(MESSAGE_RULE_CHANNELS)
  channel?: MessageRuleChannel;

  @ApiPropertyOptional(NUMBERS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.calledNumbers)
  @ArrayUnique()
  @IsE164({ each: true })
  calledNumbers?: string[];

  @ApiPropertyOptional({ enum: [...MESSAGE_RULE_WHEN] })
  @IsOptional()
  @IsIn(MESSAGE_RULE_WHEN)
  when?: MessageRuleWhen;

  @ApiPropertyOptional(HOURS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.businessHours)
  @ValidateNested({ each: true })
  @Type(() => BusinessHoursDto)
  businessHours?: BusinessHoursDto[];

  @ApiPropertyOptional(TEMPLATE_DOC)
  @IsOptional()
  @IsText(L.templateLength)
  template?: string;

  @ApiPropertyOptional({ ...WINDOW_DOC, default: undefined })
  @IsOptional()
  @IsIntBetween(L.windowHours.min, L.windowHours.max)
  windowHours?: number;

  @ApiPropertyOptional(CALLBACK_DOC)
  @IsOptional()
  @IsIntBetween(L.callbackAfterMinutes.min, L.callbackAfterMinutes.max)
  callbackAfterMinutes?: number | null;

  @ApiPropertyOptional({ ...PRIORITY_DOC, default: undefined })
  @IsOptional()
  @IsIntBetween(L.priority.min, L.priority.max)
  priority?: number;
}

export class MessageRuleDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  active: boolean;

  @ApiProperty({ enum: [...MESSAGE_RULE_CHANNELS] })
  channel: MessageRuleChannel;

  @ApiProperty({ type: [String], description: 'Empty: every number of the organization' })
  calledNumbers: string[];

  @ApiProperty({ enum: [...MESSAGE_RULE_WHEN] })
  when: MessageRuleWhen;

  @ApiProperty({ type: [BusinessHoursDto] })
  businessHours: BusinessHoursDto[];

  @ApiProperty()
  template: string;

  @ApiProperty({ type: 'integer' })
  windowHours: number;

  @ApiProperty({ type: 'integer', nullable: true })
  callbackAfterMinutes: number | null;

  @ApiProperty({ type: 'integer' })
  priority: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class MessageRulePageDto {
  @ApiProperty({ type: [MessageRuleDto] })
  items: MessageRuleDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
