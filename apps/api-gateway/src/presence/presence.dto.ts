import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsEntityId, PRESENCE_STATUSES, type PresenceStatus } from '@santral/contracts';

export class SetPresenceDto {
  @ApiProperty({ enum: PRESENCE_STATUSES, example: 'available' })
  @IsIn(PRESENCE_STATUSES)
  status: PresenceStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only with `busy`: the call the operator is on' })
  @IsOptional()
  @IsEntityId()
  currentCallId?: string;
}

export class PresenceDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ enum: PRESENCE_STATUSES })
  status: PresenceStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  currentCallId: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
