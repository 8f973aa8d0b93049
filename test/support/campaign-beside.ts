import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, createTestDatabase, testEnv, waitFor, type TestDatabase } from '@santral/testing';
import type { Gateway } from '../../apps/api-gateway/test/gateway-harness';
import { campaignService } from '../../apps/campaign/src/app.module';

export interface CampaignBeside {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** Resolves once the campaign service holds the organization's settings (its default country). */
  knows(organizationId: string): Promise<void>;
  close(): Promise<void>;
}

/** A real campaign service beside a test's api-gateway: its own schema, the gateway's subject prefix. */
export async function startCampaignBeside(gw: Gateway, prefix: string, env: Record<string, string> = {}): Promise<CampaignBeside> {
  const db = await createTestDatabase({ prefix, entities: serviceEntities(campaignService), migrations: serviceMigrations(campaignService) });
  const config = campaignService.loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DB_SCHEMA: db.schema, NATS_URL: testEnv.natsUrl, SUBJECT_PREFIX: gw.subjectPrefix, ...env,
  });
  const app = await bootTestService(campaignService, config);
  return {
    app,
    db,
    async knows(organizationId) {
      // A call list's country defaults to the organization's: creating one answers only once the settings arrived.
      await waitFor(
        async () => {
          const rows: unknown[] = await db.dataSource.query('SELECT 1 FROM organization_settings WHERE organization_id = $1', [organizationId]);
          return rows.length > 0;
        },
        20_000,
        `campaign learns organization ${organizationId}`,
      );
    },
    close: async () => {
      await app.close().catch(() => undefined);
      await db.cleanup();
    },
  };
}
