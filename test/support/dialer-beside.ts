import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from '@nats-io/nats-core';
import { Rpc } from '@santral/contracts';
import { connectNats, NatsRpcClient } from '@santral/messaging';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, createTestDatabase, testEnv, waitFor, type TestDatabase } from '@santral/testing';
import type { Gateway } from '../../apps/api-gateway/test/gateway-harness';
import { dialerService } from '../../apps/dialer-orchestrator/src/app.module';

export interface DialerBeside {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** Resolves once the dialer holds the organization's settings (from the gateway's events): its numbers can be read. */
  knows(organizationId: string): Promise<void>;
  close(): Promise<void>;
}

/** A real dialer-orchestrator beside a test's api-gateway: its own schema, the gateway's subject prefix. */
export async function startDialerBeside(gw: Gateway, prefix: string): Promise<DialerBeside> {
  const db = await createTestDatabase({ prefix, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
  const config = dialerService.loadConfig({
    NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DB_SCHEMA: db.schema, NATS_URL: testEnv.natsUrl, SUBJECT_PREFIX: gw.subjectPrefix,
  });
  const app = await bootTestService(dialerService, config);
  const nc: NatsConnection = await connectNats({ servers: testEnv.natsUrl, name: `${prefix}-probe` });
  const rpc = new NatsRpcClient(nc, { subjectPrefix: gw.subjectPrefix });
  return {
    app,
    db,
    async knows(organizationId) {
      await waitFor(async () => (await rpc.request(Rpc.Dialer.SettingsGet, { organizationId }).catch(() => null)) !== null, 20_000, `dialer learns organization ${organizationId}`);
    },
    close: async () => {
      await nc.close().catch(() => undefined);
      await app.close().catch(() => undefined);
      await db.cleanup();
    },
  };
}
