import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDialTarget, IsEntityId, PRESENCE_STATUSES, type PresenceStatus } from '@santral/contracts';

export class SetPresenceDto {
  @ApiProperty({ enum: PRESENCE_STATUSES, example: 'available' })
  @IsIn(PRESENCE_STATUSES)
  status: PresenceStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only with `busy`: the call the operator is on' })
  @IsOptional()
  @IsEntityId()
  currentCallId?: string;

  @ApiPropertyOptional({ example: '+905551234567', description: "The operator's phone (E.164) or SIP URI, rung first on a click-to-call; absent keeps the one set before" })
  @IsOptional()
  @IsDialTarget()
  endpoint?: string;
}

export class PresenceDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ enum: PRESENCE_STATUSES })
  status: PresenceStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  currentCallId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'E.164 or SIP URI' })
  endpoint: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
