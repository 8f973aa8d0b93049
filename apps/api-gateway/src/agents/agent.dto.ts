import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AGENT_FIRST_MESSAGE_MODES, AGENT_LIMITS as L, AGENT_VARIABLE_NAME_PATTERN, IsDialTarget, IsIntBetween, IsText, type AgentFirstMessageMode } from '@santral/contracts';

export class AgentVoiceDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'tr-TR-Wavenet-A' })
  @IsText(100)
  model: string;

  @ApiProperty({ minimum: 0.5, maximum: 2, example: 1 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(2)
  speakingRate: number;
}

const TEXT_DOC = { minLength: 1, maxLength: L.textLength, nullable: true, description: 'May use `{{variables}}`: name, phone, timeZone, or one declared in `variables`; `null` clears it' } as const;

/** Every field of C1, all optional (PATCH); POST requires `name`. */
export class AgentFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.nameLength, example: 'Randevu hatırlatma' })
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @ApiPropertyOptional({ default: true, description: 'An inactive agent cannot be used (AGENT_INACTIVE)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: AGENT_FIRST_MESSAGE_MODES, default: 'agent_first' })
  @IsOptional()
  @IsIn(AGENT_FIRST_MESSAGE_MODES)
  firstMessageMode?: AgentFirstMessageMode;

  @ApiPropertyOptional({ ...TEXT_DOC, type: String, example: 'Merhaba {{name}}, randevunuzu hatırlatmak için arıyoruz.' })
  @IsOptional()
  @IsText(L.textLength)
  greetingMessage?: string | null;

  @ApiPropertyOptional({ ...TEXT_DOC, type: String, example: 'You are a polite clinic assistant.' })
  @IsOptional()
  @IsText(L.textLength)
  systemInstruction?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: L.responseTimeout.min, maximum: L.responseTimeout.max, default: L.responseTimeout.default })
  @IsOptional()
  @IsIntBetween(L.responseTimeout.min, L.responseTimeout.max)
  responseTimeoutSeconds?: number;

  @ApiPropertyOptional({ type: AgentVoiceDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgentVoiceDto)
  voice?: AgentVoiceDto | null;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: 35, description: 'BCP 47 language tag', example: 'tr-TR' })
  @IsOptional()
  @IsText(35)
  language?: string | null;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: L.forwardingTargets, description: 'E.164 numbers or SIP URIs (sip:user@host)', example: ['+902125551212', 'sip:desk@pbx.example.com'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.forwardingTargets)
  @IsText(200, { each: true })
  @IsDialTarget({ each: true })
  forwardingTargets?: string[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', pattern: AGENT_VARIABLE_NAME_PATTERN.source, maxLength: L.variableName }, maxItems: L.variables, description: 'Custom variables (call-list columns) the texts may use', example: ['sehir'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.variables)
  @IsText(L.variableName, { each: true })
  @Matches(AGENT_VARIABLE_NAME_PATTERN, { each: true, message: 'each value in $property must be a variable name (letters, digits, _)' })
  variables?: string[];
}

export class CreateAgentDto extends AgentFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: L.nameLength, example: 'Randevu hatırlatma' })
  @IsText(L.nameLength)
  declare name: string;
}

export class UpdateAgentDto extends AgentFieldsDto {}

export class AgentDto {
  @ApiProperty({ format: 'uuid' }) agentId: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'false while a required field is missing (C2): see missingFields' }) complete: boolean;
  @ApiProperty({ type: [String], example: ['voice', 'language'] }) missingFields: string[];
  @ApiProperty({ enum: AGENT_FIRST_MESSAGE_MODES }) firstMessageMode: string;
  @ApiPropertyOptional() greetingMessage?: string;
  @ApiPropertyOptional() systemInstruction?: string;
  @ApiProperty({ type: 'integer' }) responseTimeoutSeconds: number;
  @ApiPropertyOptional({ type: AgentVoiceDto }) voice?: AgentVoiceDto;
  @ApiPropertyOptional() language?: string;
  @ApiProperty({ type: [String] }) forwardingTargets: string[];
  @ApiProperty({ type: [String] }) variables: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AgentPageDto {
  @ApiProperty({ type: [AgentDto] }) items: AgentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class TestCallDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: '0555 123 45 67', description: 'The number the agent calls, in any form the organization writes it' })
  @IsText(64)
  to: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, example: '+902120000000', description: 'A caller number (hotline) of the organization; absent: its oldest one that may call out' })
  @IsOptional()
  @IsText(64)
  from?: string;
}
