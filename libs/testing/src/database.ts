import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { Client } from 'pg';
import { buildDataSourceOptions, migrateService } from '@santral/persistence';
import { testEnv, uniqueName } from './env';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface TestDatabase {
  schema: string;
  url: string;
  dataSource: DataSource;
  /** Drops the schema and closes the pool. */
  cleanup(): Promise<void>;
}

/**
 * Gives one integration test file its own Postgres schema with the service's real
 * migrations applied: the same migrations production runs, isolated per file.
 */
export async function createTestDatabase(opts: {
  prefix: string;
  entities: ClassList;
  migrations: MigrationList;
  poolSize?: number;
}): Promise<TestDatabase> {
  const schema = uniqueName(opts.prefix);
  const url = testEnv.databaseUrl;
  await migrateService({ url, schema, entities: opts.entities, migrations: opts.migrations });
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, schema, entities: opts.entities, migrations: opts.migrations, poolSize: opts.poolSize ?? 5 }),
  );
  await dataSource.initialize();
  return {
    schema,
    url,
    dataSource,
    cleanup: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropSchema(url, schema);
    },
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
