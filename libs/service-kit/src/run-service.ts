import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@santral/config';
import { validatePayload } from '@santral/contracts';
import { connectNatsRpc } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { bootstrapService } from '@santral/observability';
import { serviceConfig } from './service-config';
import { natsAuthOf, serviceModule } from './service-kit.module';
import { AnyServiceDefinition, serviceEntities, serviceMigrations, servesRpc, ServiceKitConfig } from './service-definition';

/**
 * Serves the app's `@MessagePattern` / `@RpcHandler` handlers over NATS request/reply: queue group
 * = service name, the config's subject prefix (the same one its RPC client and bus use), and every
 * request validated against its contracts class before the handler sees it.
 */
export async function startRpcServer(app: INestApplication, def: AnyServiceDefinition, config: ServiceKitConfig, name = `${def.name}-rpc`): Promise<void> {
  if (!servesRpc(def)) return;
  connectNatsRpc(app, {
    servers: config.NATS_URL.split(','),
    queue: def.name,
    name,
    auth: natsAuthOf(config),
    subjectPrefix: config.SUBJECT_PREFIX || undefined,
    validator: validatePayload,
  });
  await app.startAllMicroservices();
}

/**
 * Process entry point shared by every service (`main.ts` is `runService(definition)`):
 *   node main.js           start the service
 *   node main.js migrate   apply this service's migrations to its schema and exit
 */
export async function runService(def: AnyServiceDefinition, env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    if (process.argv[2] === 'migrate') {
      // Migrations need the database only: no secret of the service has to reach a migrate job.
      const config = loadConfig(serviceConfig(def.name), env);
      const applied = await migrateService({ url: config.DATABASE_URL, schema: config.DB_SCHEMA, entities: serviceEntities(def), migrations: serviceMigrations(def) });
      process.stdout.write(`${def.name}: ${applied.length} migration(s) applied to schema ${config.DB_SCHEMA}\n`);
      return;
    }
    const config: ServiceKitConfig = def.loadConfig(env);
    await bootstrapService(serviceModule(def, config), {
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
      bodyLimit: def.bodyLimit,
      beforeListen: async (app) => {
        await def.configure?.(app, config);
        await startRpcServer(app, def, config);
      },
    });
    new Logger(def.name).log(`${def.name} listening on http://${config.HTTP_HOST}:${config.HTTP_PORT}`);
    releaseStartupGarbage();
  } catch (e) {
    process.stderr.write(`${def.name} failed to start: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  }
}

/**
 * Booting (modules, DI, TypeORM metadata) makes V8 grow the young generation to its maximum, and
 * it stays that size while the service idles: with the telephony-gateway's 64 MB semi-spaces that
 * was 30 MB of idle RSS (DESIGN §9 allows 120 MB). One full collection after boot shrinks it; load
 * grows it again. Needs `--expose-gc` (services.json nodeFlags); without it, nothing happens.
 */
function releaseStartupGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: the first promotes what the young generation still holds, the second lets it shrink.
  // A few seconds in: consumers and relays allocate right after listen.
  if (typeof gc === 'function') setTimeout(() => (gc(), gc()), 5000).unref();
}
