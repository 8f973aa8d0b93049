import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import type { TelephonyConfig } from '../src/config';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { telephonyService } from '../src/app.module';
import { WebhookReceiptRepository } from '../src/webhooks/webhook-receipt.repository';
import { PruneWebhookReceiptsUseCase } from '../src/webhooks/prune-webhook-receipts.use-case';

jest.setTimeout(30_000);

describe('webhook receipt retention (real Postgres)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'tg_retention', entities: serviceEntities(telephonyService), migrations: serviceMigrations(telephonyService) });
  });
  afterAll(async () => {
    await db.cleanup();
  });

  async function receipts(n: number, ageDays: number): Promise<void> {
    await db.dataSource.query(
      `INSERT INTO webhook_receipts (provider_account_id, dedupe_key, organization_id, event, payload, received_at)
       SELECT $1, 'k' || g || '-' || $3, $2, 'call.ringing', '{}', now() - make_interval(days => $3::int) - interval '1 minute'
         FROM generate_series(1, $4::int) AS g`,
      [randomUUID(), randomUUID(), ageDays, n],
    );
  }
  const ages = async () =>
    (await db.dataSource.query(`SELECT extract(day FROM now() - received_at)::int AS days, count(*)::int AS n FROM webhook_receipts GROUP BY 1 ORDER BY 1`)) as Array<{ days: number; n: number }>;

  it('deletes receipts past the retention in chunks and keeps the rest (at least 3 days)', async () => {
    await receipts(40, 1);
    await receipts(30, 3); // exactly the retention plus a minute: gone
    await receipts(25, 2);
    await receipts(250, 10);
    const prune = new PruneWebhookReceiptsUseCase(new WebhookReceiptRepository(db.dataSource), { WEBHOOK_RETENTION_DAYS: 3 } as TelephonyConfig);
    await expect(prune.execute(60)).resolves.toBe(280); // 5 chunks of at most 60
    expect(await ages()).toEqual([
      { days: 1, n: 40 },
      { days: 2, n: 25 },
    ]);
    await expect(prune.execute(60)).resolves.toBe(0);
  });
});
