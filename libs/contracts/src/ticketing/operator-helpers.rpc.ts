import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { IsEntityId, IsIntBetween, IsSeconds, IsText, IsTimestamp } from '../validation/decorators';

/** Request and reply bodies of rpc.ticketing.note_template.* and rpc.ticketing.quality_sample.list (K9). */
export const OPERATOR_HELPER_LIMITS = {
  nameLength: 100,
  bodyLength: 2000,
  categoryLength: 100,
  subjectLength: 500,
  tags: 20,
  tagLength: 50,
  templates: 500,
  sample: { min: 1, max: 50, default: 3 },
  /** The longest period one sample may cover. */
  periodDays: 31,
} as const;

const L = OPERATOR_HELPER_LIMITS;

/** The fields of a note template; on update each is optional and `null` clears an optional one. */
export class NoteTemplateFieldsV1 {
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @IsOptional()
  @IsText(L.bodyLength)
  body?: string;

  @IsOptional()
  @IsText(L.categoryLength)
  category?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.tags)
  @IsText(L.tagLength, { each: true })
  tags?: string[];

  /** A subject the template fills in on the call's draft. */
  @IsOptional()
  @IsText(L.subjectLength)
  subject?: string | null;
}

/** rpc.ticketing.note_template.create — `name` and `body` required. */
export class NoteTemplateCreateRequest extends NoteTemplateFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.ticketing.note_template.update */
export class NoteTemplateUpdateRequest extends NoteTemplateFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  templateId: string;
}

/** rpc.ticketing.note_template.get and rpc.ticketing.note_template.delete */
export class NoteTemplateRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  templateId: string;
}

/** rpc.ticketing.note_template.list — by name; `category` keeps one category. */
export class NoteTemplateListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsText(L.categoryLength)
  category?: string;
}

export class NoteTemplateReply {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  templateId: string;

  @IsText(L.nameLength)
  name: string;

  @IsText(L.bodyLength)
  body: string;

  @IsOptional()
  @IsText(L.categoryLength)
  category?: string;

  @IsArray()
  @IsText(L.tagLength, { each: true })
  tags: string[];

  @IsOptional()
  @IsText(L.subjectLength)
  subject?: string;

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;
}

export class NoteTemplateListReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NoteTemplateReply)
  items: NoteTemplateReply[];
}

/** rpc.ticketing.quality_sample.list — without from/to, the previous full day in the organization's time zone. */
export class QualitySampleRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsTimestamp()
  from?: string;

  @IsOptional()
  @IsTimestamp()
  to?: string;

  @IsOptional()
  @IsIntBetween(L.sample.min, L.sample.max)
  perOperator?: number;
}

export class QualitySampleCallV1 {
  @IsEntityId()
  callId: string;

  @IsOptional()
  @IsEntityId()
  ticketId?: string;

  /** When this operator answered. */
  @IsTimestamp()
  startedAt: string;

  @IsTimestamp()
  endedAt: string;

  @IsSeconds()
  talkSeconds: number;

  @IsOptional()
  @IsText(2000)
  recordingUrl?: string;
}

export class QualitySampleOperatorV1 {
  @IsEntityId()
  operatorUserId: string;

  /** How many answered, ended calls the operator had in the period (the sample is drawn from them). */
  @IsIntBetween(0, 10_000_000)
  callCount: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QualitySampleCallV1)
  calls: QualitySampleCallV1[];
}

export class QualitySampleReply {
  @IsTimestamp()
  from: string;

  @IsTimestamp()
  to: string;

  @IsIntBetween(L.sample.min, L.sample.max)
  perOperator: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QualitySampleOperatorV1)
  operators: QualitySampleOperatorV1[];
}
