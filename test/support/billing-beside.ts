import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serviceEntities, serviceMigrations, OrganizationSettingsRepository } from '@santral/service-kit';
import { asOrgId } from '@santral/persistence';
import { bootTestService, createTestDatabase, testEnv, waitFor, type TestDatabase } from '@santral/testing';
import type { Gateway } from '../../apps/api-gateway/test/gateway-harness';
import { billingService } from '../../apps/billing/src/app.module';

/** The billing tables a request writes synchronously. */
export const BILLING_TABLES = ['accounts', 'ledger_entries', 'payments', 'reservations', 'settlements'] as const;

export interface BillingBeside {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** Resolves once billing holds the organization's settings (from the gateway's events). */
  knows(organizationId: string): Promise<void>;
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** A real billing service beside a test's api-gateway: its own schema, the gateway's subject prefix. */
export async function startBillingBeside(gw: Gateway, prefix: string, env: Record<string, string> = {}): Promise<BillingBeside> {
  const db = await createTestDatabase({ prefix, entities: serviceEntities(billingService), migrations: serviceMigrations(billingService) });
  const config = billingService.loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DB_SCHEMA: db.schema, NATS_URL: testEnv.natsUrl, SUBJECT_PREFIX: gw.subjectPrefix,
    SWEEP_INTERVAL_MS: '0', PAYMENT_WORKER_INTERVAL_MS: '0', ...env,
  });
  const app = await bootTestService(billingService, config);
  return {
    app,
    db,
    async knows(organizationId) {
      const settings = app.get(OrganizationSettingsRepository);
      await waitFor(async () => (await settings.get(asOrgId(organizationId))) !== null, 20_000, `billing learns organization ${organizationId}`);
    },
    async rowCounts() {
      const [row]: Array<Record<string, number>> = await db.dataSource.query(`SELECT ${BILLING_TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`);
      return row!;
    },
    close: async () => {
      await app.close().catch(() => undefined);
      await db.cleanup();
    },
  };
}
