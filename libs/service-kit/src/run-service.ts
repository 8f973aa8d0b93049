import { DynamicModule, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommonConfig } from '@santral/config';
import { migrateService, ServiceDataSourceConfig } from '@santral/persistence';
import { bootstrapService } from '@santral/observability';
import { connectNatsRpc } from '@santral/messaging';

export interface RunServiceOptions<C extends CommonConfig & { DB_SCHEMA: string }> {
  service: string;
  config: C;
  module: DynamicModule;
  entities: ServiceDataSourceConfig['entities'];
  migrations: ServiceDataSourceConfig['migrations'];
  /** Serve `@MessagePattern` handlers over NATS request/reply (domain services). */
  rpc: boolean;
  bodyLimit?: number;
  /** Extra HTTP set-up before listening (OpenAPI, parsers, hooks). */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

/**
 * Process entry point shared by every service:
 *   node main.js           start the service
 *   node main.js migrate   apply this service's migrations to its schema and exit
 */
export async function runService<C extends CommonConfig & { DB_SCHEMA: string }>(opts: RunServiceOptions<C>): Promise<void> {
  const { config } = opts;
  if (process.argv[2] === 'migrate') {
    const applied = await migrateService({
      url: config.DATABASE_URL,
      schema: config.DB_SCHEMA,
      entities: opts.entities,
      migrations: opts.migrations,
    });
    process.stdout.write(`${opts.service}: ${applied.length} migration(s) applied to schema ${config.DB_SCHEMA}\n`);
    return;
  }
  await bootstrapService(opts.module, {
    host: config.HTTP_HOST,
    port: config.HTTP_PORT,
    bodyLimit: opts.bodyLimit,
    beforeListen: async (app) => {
      await opts.configure?.(app);
      if (!opts.rpc) return;
      const subjectPrefix = (config as { SUBJECT_PREFIX?: string }).SUBJECT_PREFIX || undefined;
      connectNatsRpc(app, { servers: config.NATS_URL.split(','), queue: opts.service, name: `${opts.service}-rpc`, subjectPrefix });
      await app.startAllMicroservices();
    },
  });
  new Logger(opts.service).log(`${opts.service} listening on http://${config.HTTP_HOST}:${config.HTTP_PORT}`);
  releaseStartupGarbage();
}

/**
 * Booting (modules, DI, TypeORM metadata) makes V8 grow the young generation to its maximum, and
 * it stays that size while the service idles: with the telephony-gateway's 64 MB semi-spaces that
 * was 30 MB of idle RSS (DESIGN §9 allows 120 MB). One full collection after boot shrinks it; load
 * grows it again. Needs `--expose-gc` (scripts/lib/services.js, deploy/); without it, nothing happens.
 */
function releaseStartupGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: the first promotes what the young generation still holds, the second lets it shrink.
  // A few seconds in: consumers and relays allocate right after listen.
  if (typeof gc === 'function') setTimeout(() => (gc(), gc()), 5000).unref();
}

export function exitOnError(service: string) {
  return (e: unknown): never => {
    process.stderr.write(`${service} failed to start: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  };
}
