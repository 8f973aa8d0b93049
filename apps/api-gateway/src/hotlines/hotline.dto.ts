import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional } from 'class-validator';
import { DIALING_RULE_LIMITS as L, IsText } from '@santral/contracts';

const GROUPS_DOC = {
  type: 'array',
  items: { type: 'string', minLength: 1, maxLength: L.groupLength },
  maxItems: L.groups,
  uniqueItems: true,
  description: 'User groups that may call out from this number; empty: every group',
  example: ['sales'],
} as const;

export class CreateHotlineDto {
  @ApiProperty({ minLength: 1, maxLength: L.numberInput, example: '+902125551212', description: "E.164, or a national number (read with the organization's default country)" })
  @IsText(L.numberInput)
  number: string;

  @ApiProperty({ minLength: 1, maxLength: L.labelLength, example: 'Istanbul sales line' })
  @IsText(L.labelLength)
  label: string;

  @ApiPropertyOptional({ default: true, description: 'false: no outbound call may use it as its caller number' })
  @IsOptional()
  @IsBoolean()
  outboundAllowed?: boolean;

  @ApiPropertyOptional(GROUPS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.groups)
  @ArrayUnique()
  @IsText(L.groupLength, { each: true })
  allowedGroups?: string[];
}

/** The number cannot change; each field given replaces the stored one. */
export class UpdateHotlineDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.labelLength })
  @IsOptional()
  @IsText(L.labelLength)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  outboundAllowed?: boolean;

  @ApiPropertyOptional(GROUPS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.groups)
  @ArrayUnique()
  @IsText(L.groupLength, { each: true })
  allowedGroups?: string[];
}

export class HotlineDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '+902125551212' })
  number: string;

  @ApiProperty()
  label: string;

  @ApiProperty()
  outboundAllowed: boolean;

  @ApiProperty({ type: [String], description: 'Empty: every group' })
  allowedGroups: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class HotlinePageDto {
  @ApiProperty({ type: [HotlineDto] })
  items: HotlineDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
