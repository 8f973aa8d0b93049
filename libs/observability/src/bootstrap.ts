import type { IncomingMessage } from 'node:http';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { MetricsService } from './metrics';
import { registerHttpMetrics } from './http-metrics.hook';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation';

export interface BootstrapOptions {
  host: string;
  port: number;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** Hook to attach microservice transports (NATS RPC) before listening. */
  beforeListen?: (app: NestFastifyApplication) => Promise<void> | void;
}

/**
 * Creates a Fastify-based Nest application with JSON logs, metrics and graceful
 * shutdown (SIGINT/SIGTERM close HTTP, drain NATS, close the pool).
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, opts: Pick<BootstrapOptions, 'bodyLimit'> = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: opts.bodyLimit ?? 1_048_576,
    trustProxy: true,
    // The request id is the caller's correlation id when safe, so logs join across services.
    genReqId: (req: IncomingMessage) => correlationIdFrom(req),
  });
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    void reply.header(CORRELATION_HEADER, req.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  registerHttpMetrics(app.getHttpAdapter().getInstance(), app.get(MetricsService));
  app.enableShutdownHooks();
  return app;
}

export async function bootstrapService(module: Type<unknown> | DynamicModule, opts: BootstrapOptions): Promise<INestApplication> {
  const app = await createHttpApp(module, opts);
  await opts.beforeListen?.(app);
  await app.listen(opts.port, opts.host);
  return app;
}
