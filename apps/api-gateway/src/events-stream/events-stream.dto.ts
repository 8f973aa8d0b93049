import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsEntityId } from '@santral/contracts';

/** The OpenAPI security scheme of GET /v1/events/stream: the stream token in `?token=`. */
export const STREAM_TOKEN_SCHEME = 'streamToken';

export class CreateStreamTokenDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The user whose screen the stream feeds (one of the organization\'s users). An operator\'s stream pops only the screens of calls offered to them; ' +
      'an admin\'s or supervisor\'s, and a stream for no user (a wallboard, an integration), every screen-pop of the organization.',
  })
  @IsOptional()
  @IsEntityId()
  userId?: string;
}

export class StreamTokenDto {
  @ApiProperty({ description: 'Send as `GET /v1/events/stream?token=`; opens streams until expiresAt (reconnects included)', example: 'est_eyJwIjoiZXZlbnRzLXN0cmVhbSJ9.x' })
  token: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId: string | null;

  @ApiProperty({ enum: ['own', 'all'], description: '`own`: screen-pops offered to this operator; `all`: every screen-pop of the organization' })
  screenPops: 'own' | 'all';
}

export class EventStreamQueryDto {
  @ApiPropertyOptional({ description: 'A stream token from POST /v1/events/stream-tokens (401 STREAM_TOKEN_INVALID / STREAM_TOKEN_EXPIRED otherwise)' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  token?: string;

  @ApiPropertyOptional({ description: 'Resume after this event id, like the Last-Event-ID header (which wins); for EventSource polyfills and for reconnecting with a fresh token', example: '1042' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  lastEventId?: string;
}
