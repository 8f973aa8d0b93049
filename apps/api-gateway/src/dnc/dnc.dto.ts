import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional } from 'class-validator';
import { DIALING_RULE_LIMITS as L, IsText, PhoneErrorCode } from '@santral/contracts';
import { PageQueryDto } from '../common/common.dto';

export class AddDncNumbersDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: L.numberInput },
    minItems: 1,
    maxItems: L.dncBatch,
    description: "Numbers in any form the organization writes them (`+90 555 123 45 67`, `0555 123 45 67`); read with the organization's default country",
    example: ['0555 123 45 67', '+44 20 7946 0958'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.dncBatch)
  @IsText(L.numberInput, { each: true })
  numbers: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: L.reasonLength, example: 'Asked not to be called' })
  @IsOptional()
  @IsText(L.reasonLength)
  reason?: string;
}

export class DncListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.numberInput, description: 'Look one number up, in any form (normalized first)', example: '0555 123 45 67' })
  @IsOptional()
  @IsText(L.numberInput)
  number?: string;
}

export class DncEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '+905551234567', description: 'E.164' })
  number: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class DncPageDto {
  @ApiProperty({ type: [DncEntryDto] })
  items: DncEntryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class DncAddedDto {
  @ApiProperty({ type: 'integer', description: 'Position in `numbers`' })
  index: number;

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '+905551234567' })
  number: string;

  @ApiProperty({ description: 'false: already on the list (or earlier in this request)' })
  added: boolean;
}

export class DncRejectedDto {
  @ApiProperty({ type: 'integer', description: 'Position in `numbers`' })
  index: number;

  @ApiProperty({ enum: Object.values(PhoneErrorCode), example: 'TOO_SHORT' })
  code: string;

  @ApiProperty({ example: 'Invalid phone number format: too short for TR (6 digits, expected 10)' })
  reason: string;
}

export class DncAddResultDto {
  @ApiProperty({ type: 'integer' })
  added: number;

  @ApiProperty({ type: 'integer' })
  alreadyListed: number;

  @ApiProperty({ type: [DncAddedDto], description: 'Every input that is now on the list' })
  entries: DncAddedDto[];

  @ApiProperty({ type: [DncRejectedDto], description: 'Every input that is not a valid number, with its reason; nothing was stored for it' })
  rejected: DncRejectedDto[];
}
