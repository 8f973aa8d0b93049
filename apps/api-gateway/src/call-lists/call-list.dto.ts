import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CALL_LIST_LIMITS as L, IMPORT_ROW_REJECTIONS, IMPORT_STATES, IsCountryCode, IsText } from '@santral/contracts';

export class CreateCallListDto {
  @ApiProperty({ minLength: 1, maxLength: L.nameLength, example: 'Aralık hatırlatmaları' })
  @IsText(L.nameLength)
  name: string;

  @ApiPropertyOptional({ pattern: '^[A-Z]{2}$', example: 'TR', description: "Country of numbers written without one; default: the organization's" })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

export class CallListDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'TR' }) country: string;
  @ApiProperty({ type: 'integer' }) contactCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CallListPageDto {
  @ApiProperty({ type: [CallListDto] }) items: CallListDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+905551234567' }) phone: string;
  @ApiProperty({ type: String, nullable: true, description: 'As written in the file (a formula-looking name is text; exports prefix it with `\'`)' }) name: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Istanbul' }) timeZone: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { sehir: 'İstanbul' } }) variables: Record<string, string>;
  @ApiProperty({ description: 'On the do-not-call list: stored, never dialled' }) onDnc: boolean;
  @ApiProperty({ type: 'integer', description: 'Line of the imported file' }) line: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactDto] }) items: ContactDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ImportJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callListId: string;
  @ApiProperty({ enum: IMPORT_STATES }) state: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ type: String, nullable: true, enum: ['csv', 'xlsx'] }) format: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'windows-1254' }) encoding: string | null;
  @ApiProperty({ type: String, nullable: true, example: ';' }) delimiter: string | null;
  @ApiProperty({ type: 'integer' }) rowsRead: number;
  @ApiProperty({ type: 'integer', description: 'Stored as contacts (DNC ones included, flagged)' }) accepted: number;
  @ApiProperty({ type: 'integer', description: 'Not stored: see rejected-rows' }) rejected: number;
  @ApiProperty({ type: 'integer', description: 'Of the rejected: already in the list or earlier in the file' }) duplicates: number;
  @ApiProperty({ type: 'integer', description: 'Of the accepted: on the do-not-call list' }) onDnc: number;
  @ApiProperty({ type: String, nullable: true, example: 'IMPORT_NO_PHONE_COLUMN', description: 'Why a failed job failed; a failed job imported nothing' }) errorCode: string | null;
  @ApiProperty({ type: String, nullable: true }) errorMessage: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class RejectedRowDto {
  @ApiProperty({ type: 'integer', description: 'Line of the file (the header is line 1)' }) line: number;
  @ApiProperty({ enum: IMPORT_ROW_REJECTIONS }) code: string;
  @ApiProperty({ example: 'Invalid phone number format: too short for TR (6 digits, expected 10)' }) reason: string;
  @ApiProperty({ type: String, nullable: true, description: 'The value as written' }) raw: string | null;
}

export class RejectedRowPageDto {
  @ApiProperty({ type: [RejectedRowDto] }) items: RejectedRowDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
