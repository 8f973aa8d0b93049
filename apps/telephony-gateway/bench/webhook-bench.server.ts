/**
 * The telephony-gateway as the webhook benchmark runs it: its own schema and stream, one
 * simulator account, HTTP on a free port. Forked by bench/webhooks.ts with
 * `node -r @swc-node/register` (Nest DI needs decorator metadata, which tsx does not emit).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { Logger } from '@nestjs/common';
import { Sealer, sealingPublicKeyOf } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { createHttpApp } from '@santral/observability';
import { serviceEntities, serviceMigrations, serviceModule } from '@santral/service-kit';
import { telephonyService } from '../src/app.module';
import { loadTelephonyConfig } from '../src/config';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const config = loadTelephonyConfig({ ...env, LOG_LEVEL: 'error', RECONCILER_INTERVAL_MS: '0' });
  // The first replica migrates and creates the account; the others join the same schema.
  if (!env.ACCOUNT_ID) await migrateService({ url: config.DATABASE_URL, schema: config.DB_SCHEMA, entities: serviceEntities(telephonyService), migrations: serviceMigrations(telephonyService) });
  const app = await createHttpApp(serviceModule(telephonyService, config), { bodyLimit: telephonyService.bodyLimit });
  await app.listen(config.HTTP_PORT, '127.0.0.1');
  const accountId = env.ACCOUNT_ID
    ? env.ACCOUNT_ID
    : (await app.get(CreateProviderAccountUseCase).execute({
        organizationId: env.ORG_ID, type: 'simulator', name: 'bench', settings: { timeScale: 60 }, sealedSecrets: new Sealer(sealingPublicKeyOf(config.TELEPHONY_SEALING_PRIVATE_KEY)).seal(JSON.stringify({ apiKey: 'sk_bench', signingSecret: env.SIGNING_SECRET }), env.ORG_ID),
      })).id;
  process.send?.({ ready: true, accountId });
  // CPU this process spends in the measured window (from `mark` to `stop`), for a per-webhook figure.
  let mark = process.cpuUsage();
  process.on('message', (msg: { cmd?: string }) => {
    if (msg.cmd === 'mark') mark = process.cpuUsage();
    if (msg.cmd !== 'stop') return;
    const cpu = process.cpuUsage(mark);
    const cpuMicros = cpu.user + cpu.system;
    void (async () => {
      const pg = new Client({ connectionString: config.DATABASE_URL });
      await pg.connect();
      await app.close(); // the relay drains what it claimed; sent rows are deleted (telephony relays with retainSentMs 0)
      const [r] = (await pg.query(`SELECT (SELECT count(*) FROM "${config.DB_SCHEMA}".webhook_receipts)::int AS receipts, (SELECT count(*) FROM "${config.DB_SCHEMA}".outbox WHERE sent_at IS NULL)::int AS outbox`)).rows;
      if (!env.ACCOUNT_ID) await pg.query(`DROP SCHEMA IF EXISTS "${config.DB_SCHEMA}" CASCADE`);
      await pg.end();
      process.send?.({ stopped: true, cpuMicros, ...r }, () => process.exit(0));
    })();
  });
}

main().catch((e: Error) => {
  process.stderr.write(`bench server failed: ${e.stack}\n`);
  process.exit(1);
});
