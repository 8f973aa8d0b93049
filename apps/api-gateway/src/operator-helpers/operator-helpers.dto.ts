import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsText, IsTimestamp, OPERATOR_HELPER_LIMITS as L } from '@santral/contracts';

/** Every field of a note template, all optional (PATCH); POST requires `name` and `body`. */
export class NoteTemplateFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.nameLength, example: 'Teslimat günü değişti', description: 'Unique in the organization (case-insensitive)' })
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: L.bodyLength, example: 'Müşteri teslimat gününün değiştirilmesini istedi; yeni gün: ' })
  @IsOptional()
  @IsText(L.bodyLength)
  body?: string;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: L.categoryLength, example: 'teslimat' })
  @IsOptional()
  @IsText(L.categoryLength)
  category?: string | null;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', minLength: 1, maxLength: L.tagLength }, maxItems: L.tags, example: ['teslimat'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.tags)
  @IsText(L.tagLength, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: L.subjectLength, example: 'Teslimat günü değişikliği', description: "A subject the template fills in on the call's draft" })
  @IsOptional()
  @IsText(L.subjectLength)
  subject?: string | null;
}

export class CreateNoteTemplateDto extends NoteTemplateFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: L.nameLength, example: 'Teslimat günü değişti', description: 'Unique in the organization (case-insensitive)' })
  @IsText(L.nameLength)
  declare name: string;

  @ApiProperty({ minLength: 1, maxLength: L.bodyLength, example: 'Müşteri teslimat gününün değiştirilmesini istedi; yeni gün: ' })
  @IsText(L.bodyLength)
  declare body: string;
}

export class UpdateNoteTemplateDto extends NoteTemplateFieldsDto {}

export class NoteTemplateListQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.categoryLength, description: 'Only this category (case-insensitive)' })
  @IsOptional()
  @IsText(L.categoryLength)
  category?: string;
}

export class NoteTemplateDto {
  @ApiProperty({ format: 'uuid' }) templateId: string;
  @ApiProperty() name: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional() category?: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiPropertyOptional() subject?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class NoteTemplateListDto {
  @ApiProperty({ type: [NoteTemplateDto], description: `By name; at most ${L.templates}` }) items: NoteTemplateDto[];
}

export class QualitySampleQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Calls ended at or after (with `to`); without both, the previous full day in the organization\'s time zone' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: `Calls ended before (with \`from\`); at most ${L.periodDays} days after it` })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: L.sample.min, maximum: L.sample.max, default: L.sample.default, description: 'Calls per operator' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(L.sample.min)
  @Max(L.sample.max)
  perOperator?: number;
}

export class QualitySampleCallDto {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The ticket of the operator's conversation, if one was made" }) ticketId?: string;
  @ApiProperty({ format: 'date-time', description: 'When the operator answered' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) endedAt: string;
  @ApiProperty({ type: 'integer' }) talkSeconds: number;
  @ApiPropertyOptional({ description: 'The recording, when the provider sent one' }) recordingUrl?: string;
}

export class QualitySampleOperatorDto {
  @ApiProperty({ format: 'uuid' }) operatorUserId: string;
  @ApiProperty({ type: 'integer', description: 'Answered, ended calls of the operator in the period' }) callCount: number;
  @ApiProperty({ type: [QualitySampleCallDto] }) calls: QualitySampleCallDto[];
}

export class QualitySampleDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: 'integer' }) perOperator: number;
  @ApiProperty({ type: [QualitySampleOperatorDto] }) operators: QualitySampleOperatorDto[];
}
