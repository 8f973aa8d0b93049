import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { Client, type Pool } from 'pg';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface ServiceDataSourceConfig {
  /** postgres:// URL */
  url: string;
  /** The service's own Postgres schema; every table it owns lives there. */
  schema: string;
  entities: ClassList;
  migrations: MigrationList;
  poolSize?: number;
  /** How long a query waits for a pooled connection before it fails (a starved pool fails loudly). Default 10 s. */
  acquireTimeoutMs?: number;
  applicationName?: string;
  logging?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
  return schema;
}

/**
 * TypeORM options for one service. `search_path` is pinned to the service schema so
 * migrations can use unqualified table names and the same migration runs in a test
 * schema (`t_billing_ab12`) or in the production schema (`billing`).
 */
export function buildDataSourceOptions(cfg: ServiceDataSourceConfig): DataSourceOptions {
  const schema = assertSchemaName(cfg.schema);
  return {
    type: 'postgres',
    url: cfg.url,
    schema,
    entities: cfg.entities,
    migrations: cfg.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: cfg.logging ? ['error', 'warn', 'migration'] : ['error'],
    extra: {
      max: cfg.poolSize ?? 10,
      connectionTimeoutMillis: cfg.acquireTimeoutMs ?? 10_000,
      options: `-c search_path=${schema},public`,
      application_name: cfg.applicationName ?? `santral-${schema}`,
    },
  };
}

export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${assertSchemaName(schema)}"`);
  } finally {
    await client.end();
  }
}

/** Creates the schema when missing and applies pending migrations; returns their names. */
export async function migrateService(cfg: ServiceDataSourceConfig): Promise<string[]> {
  await ensureSchema(cfg.url, cfg.schema);
  const ds = new DataSource(buildDataSourceOptions({ ...cfg, poolSize: 2 }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * The pg pool behind a TypeORM Postgres data source (undefined before `initialize()`): for
 * named prepared statements, which TypeORM's `query` cannot issue. Its connections carry the
 * data source's settings (search_path pinned to the service schema).
 */
export function pgPoolOf(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as unknown as { master?: Pool }).master;
}
