import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, createTestDatabase, freePort, testEnv, testSecrets, type TestDatabase } from '@santral/testing';
import type { Gateway } from '../../apps/api-gateway/test/gateway-harness';
import { telephonyService } from '../../apps/telephony-gateway/src/app.module';
import { loadTelephonyConfig, type TelephonyConfig } from '../../apps/telephony-gateway/src/config';
import { SimulatorServer } from '../../apps/telephony-gateway/src/simulator/simulator.server';

export interface TelephonyBeside {
  app: NestFastifyApplication;
  db: TestDatabase;
  config: TelephonyConfig;
  sim: SimulatorServer;
  /** Shared by the telephony-gateway and its simulator only, as main.ts does. */
  controlKey: string;
  /** The telephony-gateway's own HTTP base (webhooks), when `listen` was asked. */
  baseUrl?: string;
  /** The simulator first (it stops calling), then the app, then its schema. */
  close(): Promise<void>;
}

/**
 * A real telephony-gateway beside a test's api-gateway (or any services sharing one subject prefix):
 * its own schema, that subject prefix (one deployment's RPC and events), a real simulator,
 * per-process secrets.
 */
export async function startTelephonyBeside(
  gw: Pick<Gateway, 'subjectPrefix'>,
  prefix: string,
  opts: { env?: Record<string, string>; controlKey?: string; listen?: boolean; simulatorUrl?: (real: string) => Promise<string> } = {},
): Promise<TelephonyBeside> {
  const db = await createTestDatabase({ prefix, entities: serviceEntities(telephonyService), migrations: serviceMigrations(telephonyService) });
  const controlKey = opts.controlKey ?? `ctl_${randomBytes(24).toString('base64url')}`;
  const sim = new SimulatorServer({ controlKey });
  const real = await sim.listen(0);
  const port = opts.listen ? await freePort() : undefined;
  const baseUrl = port ? `http://127.0.0.1:${port}` : undefined;
  const config = loadTelephonyConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DB_SCHEMA: db.schema, NATS_URL: testEnv.natsUrl,
    PUBLIC_BASE_URL: baseUrl ?? 'https://telephony.example.com', SIMULATOR_URL: opts.simulatorUrl ? await opts.simulatorUrl(real) : real,
    SIMULATOR_CONTROL_KEY: controlKey, SUBJECT_PREFIX: gw.subjectPrefix, RECONCILER_INTERVAL_MS: '0',
    ...(port ? { HTTP_PORT: String(port) } : {}), ...testSecrets(), ...opts.env,
  });
  const app = await bootTestService(telephonyService, config, port ? { listen: { port } } : {});
  return {
    app, db, config, sim, controlKey, baseUrl,
    close: async () => {
      await sim.close().catch(() => undefined);
      await app.close().catch(() => undefined);
      await db.cleanup();
    },
  };
}
