import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { PHONE_TYPES, PhoneErrorCode } from '@santral/phone';
import { ArrayMaxSize, IsArray, IsISO31661Alpha2, IsOptional, IsString } from 'class-validator';
import { ToUpperCase } from '../common/validators';
import { MAX_NUMBERS_PER_BATCH } from './normalize-phone-numbers.use-case';

export class NormalizePhoneNumbersDto {
  @ApiProperty({ type: [String], maxItems: MAX_NUMBERS_PER_BATCH, example: ['0555 123 45 67', '+44 20 7946 0958', 'abc'] })
  @IsArray()
  @ArrayMaxSize(MAX_NUMBERS_PER_BATCH)
  @IsString({ each: true })
  numbers: string[];

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 for national numbers; default: the organization\'s', example: 'TR' })
  @IsOptional()
  @ToUpperCase()
  @IsISO31661Alpha2({ message: 'defaultCountry must be an ISO 3166-1 alpha-2 country code' })
  defaultCountry?: string;
}

export class NormalizedNumberDto {
  @ApiProperty({ example: '0555 123 45 67' })
  input: string;

  @ApiProperty({ example: '+905551234567' })
  e164: string;

  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-2; null for non-geographic numbers', example: 'TR' })
  country: string | null;

  @ApiProperty({ enum: PHONE_TYPES, example: 'mobile' })
  type: string;
}

export class PhoneNumberErrorDto {
  @ApiProperty({ enum: Object.values(PhoneErrorCode), example: 'NOT_A_NUMBER' })
  code: string;

  @ApiProperty({ example: 'Invalid phone number format: contains letters' })
  reason: string;
}

export class RejectedNumberDto {
  @ApiProperty({ example: 'abc' })
  input: string;

  @ApiProperty({ type: PhoneNumberErrorDto })
  error: PhoneNumberErrorDto;
}

@ApiExtraModels(NormalizedNumberDto, RejectedNumberDto)
export class NormalizePhoneNumbersResultDto {
  @ApiProperty({
    description: 'One result per input, in input order',
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(NormalizedNumberDto) }, { $ref: getSchemaPath(RejectedNumberDto) }] },
  })
  results: Array<NormalizedNumberDto | RejectedNumberDto>;
}
