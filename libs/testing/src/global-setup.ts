import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';
import { testEnv } from './env';

/**
 * Jest global setup for integration tests: fail fast, with the fix, when Postgres or
 * NATS do not answer; in CI also sweep test schemas left by earlier runs.
 */
export default async function globalSetup(): Promise<void> {
  // A transaction that asks its own pool for a second connection fails the test that does it
  // (libs/persistence transaction-pool-guard); the services the suites spawn inherit it.
  process.env.SANTRAL_TX_POOL_GUARD ??= 'throw';
  const pg = new Client({ connectionString: testEnv.databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
    if (process.env.CI) {
      const { rows } = await pg.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%'");
      for (const r of rows) await pg.query(`DROP SCHEMA IF EXISTS "${r.nspname}" CASCADE`);
    }
  } catch (e) {
    throw new Error(`Postgres does not answer at ${testEnv.databaseUrl}: ${(e as Error).message}. Run .ci/run or start it (see README).`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  try {
    const nc = await connect({ servers: testEnv.natsUrl, timeout: 5000 });
    await nc.flush();
    await nc.close();
  } catch (e) {
    throw new Error(`NATS does not answer at ${testEnv.natsUrl}: ${(e as Error).message}. Run .ci/run or start it (see README).`);
  }
}
