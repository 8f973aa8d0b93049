import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serviceEntities, serviceMigrations, type AnyServiceDefinition } from '@santral/service-kit';
import { bootTestService, createTestDatabase, testEnv, waitFor, type TestDatabase } from '@santral/testing';
import type { Gateway } from '../../apps/api-gateway/test/gateway-harness';

export interface ServiceBeside {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** Resolves once the service holds the organization's settings (from the gateway's events). */
  knows(organizationId: string): Promise<void>;
  close(): Promise<void>;
}

/** A real service beside a test's api-gateway: its own schema, the gateway's subject prefix. */
export async function startServiceBeside(def: AnyServiceDefinition, gw: Pick<Gateway, 'subjectPrefix'>, prefix: string, env: Record<string, string> = {}): Promise<ServiceBeside> {
  const db = await createTestDatabase({ prefix, entities: serviceEntities(def), migrations: serviceMigrations(def) });
  const config = def.loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: process.env.BESIDE_LOG_LEVEL ?? 'silent', DATABASE_URL: db.url, DB_SCHEMA: db.schema, NATS_URL: testEnv.natsUrl, SUBJECT_PREFIX: gw.subjectPrefix, ...env,
  });
  const app = await bootTestService(def, config);
  return {
    app,
    db,
    async knows(organizationId) {
      await waitFor(
        async () => {
          const rows: unknown[] = await db.dataSource.query('SELECT 1 FROM organization_settings WHERE organization_id = $1', [organizationId]);
          return rows.length > 0;
        },
        20_000,
        `${def.name} learns organization ${organizationId}`,
      );
    },
    close: async () => {
      await app.close().catch(() => undefined);
      await db.cleanup();
    },
  };
}

/** A test organization: its admin key and a supervisor's and an operator's. */
export interface RoleOrg {
  id: string;
  key: string;
  supervisor: string;
  operator: string;
}

/** A new organization on the gateway, with a key per role, once every service beside it knows it. */
export async function organizationKnownTo(gw: Pick<Gateway, 'createOrg' | 'roleKeys'>, ...services: ServiceBeside[]): Promise<RoleOrg> {
  const o = await gw.createOrg();
  const { supervisor, operator } = await gw.roleKeys(o.key);
  for (const service of services) await service.knows(o.id);
  return { id: o.id, key: o.key, supervisor, operator };
}
