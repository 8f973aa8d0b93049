// `npm run billing:verify`: checks that every billing account equals the sum of its ledger entries
// (and its pending reservations). Prints each mismatch; exit 1 if there is one, 2 if it cannot run.
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/santral) and DB_SCHEMA (default billing).
import { Client } from 'pg';
import { verifyLedger } from '../apps/billing/src/ledger/verify-ledger';

async function main(): Promise<number> {
  const schema = process.env.DB_SCHEMA ?? 'billing';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`DB_SCHEMA is not a schema name: ${schema}`);
  const client = new Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/santral', options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const { accounts, mismatches } = await verifyLedger({ query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows });
    for (const m of mismatches) process.stdout.write(`MISMATCH ${m.organizationId}: ${m.problem}\n`);
    process.stdout.write(`${accounts} account(s) checked, ${mismatches.length} mismatch(es)\n`);
    return mismatches.length ? 1 : 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`billing:verify could not run: ${e.message}\n`);
    process.exit(2);
  },
);
