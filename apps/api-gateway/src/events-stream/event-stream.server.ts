import { Injectable, OnApplicationBootstrap, OnModuleDestroy, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LiveEventFeed } from './live-event-feed';
import type { OpenedEventStream } from './open-event-stream.use-case';
import { SseConnection, type SseConnectionOptions } from './sse-connection';

/** How long EventSource waits before it reconnects (the SSE `retry:` field). */
const RECONNECT_MS = 1000;

/** The streams' SSE settings (from GatewayConfig's EVENTS_STREAM_*). */
export abstract class SseSettings implements SseConnectionOptions {
  abstract readonly heartbeatMs: number;
  abstract readonly maxBufferedBytes: number;
}

/**
 * The HTTP side of an opened stream: takes the response over from Fastify, writes the SSE headers
 * (with those Fastify's hooks set, CORS among them), and hands the connection to this replica's feed.
 */
@Injectable()
export class EventStreamServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EventStreamServer');

  constructor(
    private readonly feed: LiveEventFeed,
    private readonly settings: SseSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Early, so the first connection does not wait; a failure here is retried by the first connection.
    await this.feed.start().catch((err: unknown) => this.logger.warn(`live feed not started yet: ${String(err)}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.feed.stop();
  }

  async serve(reply: FastifyReply, opened: OpenedEventStream): Promise<void> {
    const { grant, resumeAfter, release } = opened;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    const conn = new SseConnection(res, { organizationId: grant.organizationId, userId: grant.userId, screenPops: grant.screenPops }, this.settings);
    conn.onClose(release);
    conn.open(RECONNECT_MS);
    try {
      await this.feed.attach(conn, resumeAfter);
    } catch (err) {
      this.logger.warn(`event stream not served: ${String(err)}`);
      conn.close('error');
    }
  }
}
