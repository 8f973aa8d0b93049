import { Pool } from 'pg';
import { assertSchemaName } from './data-source';
import type { Queryable } from './tenant-sql';

export interface AutocommitStatementsConfig {
  url: string;
  schema: string;
  applicationName?: string;
  /** Connections of this side pool. Default 2. */
  size?: number;
  /** How long a statement waits for one of them before it fails. */
  acquireTimeoutMs?: number;
}

/**
 * A second, small pool for single statements that must commit on their own while the caller
 * holds a transaction of the main pool (the originate claim: durable before the provider is
 * dialled). Taking a second connection from the main pool instead lets N handlers, each holding
 * one, wait for each other forever once the pool is full; here no statement waits on the main
 * pool, so that cycle cannot form. Opened on first use.
 */
export class AutocommitStatements implements Queryable {
  private pool: Pool | undefined;

  constructor(private readonly cfg: AutocommitStatementsConfig) {}

  async query(sql: string, params: unknown[] = []): Promise<unknown[]> {
    this.pool ??= new Pool({
      connectionString: this.cfg.url,
      max: this.cfg.size ?? 2,
      connectionTimeoutMillis: this.cfg.acquireTimeoutMs ?? 10_000,
      options: `-c search_path=${assertSchemaName(this.cfg.schema)},public`,
      application_name: `${this.cfg.applicationName ?? `santral-${this.cfg.schema}`}-autocommit`,
    });
    if (this.pool.listenerCount('error') === 0) {
      // An idle connection Postgres closes (a restart) is an 'error' on the pool: without a listener
      // it would end the process; the pool drops that connection and opens another when asked.
      this.pool.on('error', () => undefined);
    }
    return (await this.pool.query(sql, params)).rows;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }
}
