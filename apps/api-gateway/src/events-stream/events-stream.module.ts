import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { streamName } from '@santral/contracts';
import { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingModuleOptions } from '@santral/messaging';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { GatewayConfig } from '../config';
import { UserEntity } from '../users/user.entity';
import { EventStreamServer, SseSettings } from './event-stream.server';
import { EventsStreamHttpController } from './events-stream.http.controller';
import { IssueStreamTokenUseCase } from './issue-stream-token.use-case';
import { LiveEventFeed } from './live-event-feed';
import { OpenEventStreamUseCase } from './open-event-stream.use-case';
import { StreamConnectionsPort } from './stream-connections.port';
import { StreamTokenCodec, streamTokenKey } from './stream-token';
import { StreamTokenSettings } from './stream-token.settings';
import { StreamUsersPort } from './stream-users.port';
import { StreamUsersRepository } from './stream-users.repository';

/** The live event stream (SSE) and its stream tokens. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [EventsStreamHttpController],
  providers: [
    { provide: StreamUsersPort, useClass: StreamUsersRepository },
    {
      provide: StreamTokenCodec,
      useFactory: (c: GatewayConfig) => new StreamTokenCodec(streamTokenKey(c.SANTRAL_ADMIN_KEY, c.EVENTS_STREAM_TOKEN_SECRET)),
      inject: [SERVICE_CONFIG],
    },
    { provide: StreamTokenSettings, useFactory: (c: GatewayConfig): StreamTokenSettings => ({ ttlSeconds: c.EVENTS_STREAM_TOKEN_TTL_SECONDS }), inject: [SERVICE_CONFIG] },
    {
      provide: SseSettings,
      useFactory: (c: GatewayConfig): SseSettings => ({ heartbeatMs: c.EVENTS_STREAM_HEARTBEAT_MS, maxBufferedBytes: c.EVENTS_STREAM_MAX_BUFFERED_BYTES }),
      inject: [SERVICE_CONFIG],
    },
    {
      provide: LiveEventFeed,
      useFactory: (nats: NatsConnectionProvider, messaging: MessagingModuleOptions, c: GatewayConfig) => {
        let jsm: ReturnType<typeof jetstreamManager> | undefined;
        return new LiveEventFeed(jetstream(nats.connection), () => (jsm ??= jetstreamManager(nats.connection)), {
          stream: streamName('Events', messaging.subjectPrefix),
          subjectPrefix: messaging.subjectPrefix,
          maxConnectionsPerOrg: c.EVENTS_STREAM_MAX_CONNECTIONS_PER_ORG,
          resumeMaxMessages: c.EVENTS_STREAM_RESUME_MAX_MESSAGES,
          connectionStatus: nats.connection.status(),
        });
      },
      inject: [NatsConnectionProvider, MESSAGING_OPTIONS, SERVICE_CONFIG],
    },
    { provide: StreamConnectionsPort, useExisting: LiveEventFeed },
    IssueStreamTokenUseCase,
    OpenEventStreamUseCase,
    EventStreamServer,
  ],
})
export class EventsStreamModule {}
