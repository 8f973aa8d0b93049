import { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@santral/observability';
import { connectNatsRpc } from '@santral/messaging';
import { testEnv } from './env';

/**
 * Boots one service's real AppModule in-process (HTTP via `app.inject`, NATS RPC with the
 * test's subject prefix), as `node main.js` would, against the real Postgres and NATS.
 */
export async function bootTestService(opts: {
  module: DynamicModule;
  service: string;
  subjectPrefix?: string;
  rpc?: boolean;
}): Promise<NestFastifyApplication> {
  const app = await createHttpApp(opts.module);
  if (opts.rpc !== false) {
    connectNatsRpc(app, { servers: testEnv.natsUrl, queue: opts.service, subjectPrefix: opts.subjectPrefix, name: `${opts.service}-test-rpc` });
    await app.startAllMicroservices();
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
