import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@santral/observability';
import { AnyServiceDefinition, serviceModule, ServiceKitConfig, startRpcServer } from '@santral/service-kit';

/**
 * Boots one service's real definition in-process (HTTP via `app.inject`, NATS RPC under the
 * config's subject prefix, requests validated by the registry), as `node main.js` would, against
 * the real Postgres and NATS. `listen` also binds the HTTP port (webhooks from a simulator).
 */
export async function bootTestService(
  def: AnyServiceDefinition,
  config: ServiceKitConfig,
  opts: { rpc?: boolean; listen?: { port: number; host?: string } } = {},
): Promise<NestFastifyApplication> {
  const app = await createHttpApp(serviceModule(def, config), { bodyLimit: def.bodyLimit });
  await def.configure?.(app, config);
  if (opts.rpc !== false) await startRpcServer(app, def, config, `${def.name}-test-rpc`);
  if (opts.listen) await app.listen(opts.listen.port, opts.listen.host ?? '127.0.0.1');
  else {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }
  return app;
}
