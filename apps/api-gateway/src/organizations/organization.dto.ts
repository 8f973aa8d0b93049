import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ApiKeyDto } from '../api-keys/api-key.dto';
import { IsIanaTimeZone, ToCanonicalTimeZone, ToUpperCase } from '../common/validators';
import { LIMIT_BOUNDS, PLANS, type Plan } from './plan';

const [SLOTS_MIN, SLOTS_MAX] = LIMIT_BOUNDS.concurrentSlots;
const [CPH_MIN, CPH_MAX] = LIMIT_BOUNDS.callsPerHour;
const [CREDITS_MIN, CREDITS_MAX] = LIMIT_BOUNDS.minCreditsToStart;

/** Limits to set; each omitted one keeps its value (or the plan's default). */
export class LimitsPatchDto {
  @ApiPropertyOptional({ type: 'integer', minimum: SLOTS_MIN, maximum: SLOTS_MAX, description: 'Concurrent call slots' })
  @IsOptional()
  @IsInt()
  @Min(SLOTS_MIN)
  @Max(SLOTS_MAX)
  concurrentSlots?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: CPH_MIN, maximum: CPH_MAX })
  @IsOptional()
  @IsInt()
  @Min(CPH_MIN)
  @Max(CPH_MAX)
  callsPerHour?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: CREDITS_MIN, maximum: CREDITS_MAX })
  @IsOptional()
  @IsInt()
  @Min(CREDITS_MIN)
  @Max(CREDITS_MAX)
  minCreditsToStart?: number;
}

export class CreateOrganizationDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Acme Call Center' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'TR' })
  @ToUpperCase()
  @IsISO31661Alpha2({ message: 'defaultCountry must be an ISO 3166-1 alpha-2 country code' })
  defaultCountry: string;

  @ApiProperty({ description: 'IANA time zone', example: 'Europe/Istanbul' })
  @ToCanonicalTimeZone()
  @IsIanaTimeZone()
  timeZone: string;

  @ApiProperty({ enum: PLANS, example: 'free', description: 'Sets the default limits (free: 3 slots, 100 calls/hour, 10 min credits)' })
  @IsIn(PLANS)
  plan: Plan;

  @ApiPropertyOptional({ type: LimitsPatchDto, description: 'Overrides of the plan defaults' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LimitsPatchDto)
  limits?: LimitsPatchDto;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @ToUpperCase()
  @IsISO31661Alpha2({ message: 'defaultCountry must be an ISO 3166-1 alpha-2 country code' })
  defaultCountry?: string;

  @ApiPropertyOptional({ description: 'IANA time zone' })
  @IsOptional()
  @ToCanonicalTimeZone()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: PLANS, description: 'A new plan resets limits to its defaults, then `limits` applies' })
  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;

  @ApiPropertyOptional({ type: LimitsPatchDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LimitsPatchDto)
  limits?: LimitsPatchDto;
}

export class LimitsDto {
  @ApiProperty({ type: 'integer', example: 3 })
  concurrentSlots: number;

  @ApiProperty({ type: 'integer', example: 100 })
  callsPerHour: number;

  @ApiProperty({ type: 'integer', example: 10 })
  minCreditsToStart: number;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ type: LimitsDto })
  limits: LimitsDto;

  @ApiProperty({ example: 'TR' })
  defaultCountry: string;

  @ApiProperty({ example: 'Europe/Istanbul' })
  timeZone: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class OrganizationCreatedDto {
  @ApiProperty({ type: OrganizationDto })
  organization: OrganizationDto;

  @ApiProperty({ description: 'The first admin API key. Shown only here: store it now', example: 'sk_live_Ab12Cd34_…' })
  apiKey: string;

  @ApiProperty({ type: ApiKeyDto, description: 'That key as listed by GET /v1/api-keys (id, prefix, role)' })
  apiKeyInfo: ApiKeyDto;
}
