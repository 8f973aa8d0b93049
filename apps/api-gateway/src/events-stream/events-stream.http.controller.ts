import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { OrgId } from '@santral/persistence';
import type { FastifyReply } from 'fastify';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { CreateStreamTokenDto, EventStreamQueryDto, STREAM_TOKEN_SCHEME, StreamTokenDto } from './events-stream.dto';
import { EventStreamServer } from './event-stream.server';
import { IssueStreamTokenUseCase } from './issue-stream-token.use-case';
import { OpenEventStreamUseCase } from './open-event-stream.use-case';
import { STREAMED_TYPES } from './stream-audience';

@ApiTags('events')
@Controller('v1/events')
export class EventsStreamHttpController {
  constructor(
    private readonly issueToken: IssueStreamTokenUseCase,
    private readonly openStream: OpenEventStreamUseCase,
    private readonly server: EventStreamServer,
  ) {}

  /** Operator keys carry no user, so one could ask for any operator's screen-pops: the organization's backend (an admin or supervisor key) asks for its operators. */
  @Post('stream-tokens')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'createStreamToken', summary: 'A short-lived token that opens the live event stream (EventSource cannot send an Authorization header)' })
  @ApiCreatedResponse({ type: StreamTokenDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateStreamTokenDto): Promise<StreamTokenDto> {
    const issued = await this.issueToken.execute(orgId, { userId: body?.userId });
    return { token: issued.token, expiresAt: issued.expiresAt.toISOString(), userId: issued.userId, screenPops: issued.screenPops };
  }

  @Get('stream')
  @ApiOperation({
    operationId: 'streamEvents',
    summary: 'Server-Sent Events: screen-pops, call state and ticket changes of the organization',
    description:
      `Authenticated by \`?token=\` (POST /v1/events/stream-tokens). Each event: \`id:\` its sequence in the events stream, \`event:\` its type ` +
      `(${STREAMED_TYPES.join(', ')}), \`data:\` the event's data as JSON. Reconnect with \`Last-Event-ID\` (or \`?lastEventId=\`) to get what ` +
      'was missed; further back than the stream keeps (or than EVENTS_STREAM_RESUME_MAX_MESSAGES), a `gap` event says from where it resumed. ' +
      'A `:` comment line every EVENTS_STREAM_HEARTBEAT_MS keeps proxies from closing an idle stream, with a `position` event (its `id:` where ' +
      'the stream has read up to) when nothing of the organization came meanwhile; a client that does not read is disconnected.',
  })
  @ApiSecurity(STREAM_TOKEN_SCHEME)
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received: the stream resumes after it' })
  @ApiOkResponse({ description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblems(400, 401, 422, 429)
  async stream(@Query() query: EventStreamQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const opened = this.openStream.execute({ token: query.token, lastEventIdHeader: lastEventId, lastEventIdQuery: query.lastEventId });
    await this.server.serve(reply, opened);
  }
}
