import { Injectable } from '@nestjs/common';
import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { holdClient, pgPoolOf, tenantQuery, type OrgId } from '@santral/persistence';
import { copyValue, pgText } from './copy-format';
import type { ImportCounts, StagedRow } from './import-job';
import { ImportSink, type ImportSession } from './imports.port';

const STAGE_COLUMNS = 'id, line, phone, name, time_zone, variables, on_dnc, code, reason, raw';

function copyLine(r: StagedRow): string {
  return [
    r.id, String(r.line), copyValue(r.phone), copyValue(r.name === null ? null : pgText(r.name)), copyValue(r.timeZone),
    copyValue(r.variables === null ? null : pgText(JSON.stringify(r.variables))), r.onDnc ? 't' : 'f',
    copyValue(r.code), copyValue(r.reason), copyValue(r.raw === null ? null : pgText(r.raw)),
  ].join('\t');
}

/**
 * COPY into a temporary staging table, then one INSERT … SELECT, all in one transaction on one
 * pooled connection: a job that fails at any point (bad file, crash, lost dialer) rolls back and
 * leaves no contact. The call list's row is locked at commit so two imports into it serialize.
 */
class PgImportSession implements ImportSession {
  /** The import's transaction holds its client for minutes: a connection lost meanwhile fails the job's next statement, not the process. */
  private readonly detach: () => void;

  constructor(
    private readonly client: PoolClient,
    private readonly orgId: OrgId,
    private readonly callListId: string,
    private readonly importId: string,
  ) {
    this.detach = holdClient(client, () => undefined);
  }

  async write(rows: StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const stream = this.client.query(copyFrom(`COPY import_stage (${STAGE_COLUMNS}) FROM STDIN`));
    const body = rows.map(copyLine).join('\n') + '\n';
    const done = once(stream, 'finish');
    stream.end(body);
    await done;
  }

  async commit(): Promise<ImportCounts> {
    const c = this.client;
    const q = <R>(sql: string, params: unknown[] = []) => tenantQuery<R>(c, this.orgId, sql, params);
    await q(`SELECT id FROM call_lists WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [this.callListId]);
    // Duplicates: a number already in the list, or an earlier line of this file with the same E.164.
    await c.query(`CREATE INDEX ON import_stage (phone) WHERE code IS NULL`);
    await c.query('ANALYZE import_stage');
    await q(
      `UPDATE import_stage s SET code = 'DUPLICATE', reason = 'Duplicate: ' || s.phone || ' is already in the call list'
       WHERE s.code IS NULL AND EXISTS (SELECT 1 FROM contacts c WHERE c.organization_id = $1 AND c.call_list_id = $2 AND c.phone = s.phone)`,
      [this.callListId],
    );
    await c.query(
      `UPDATE import_stage s SET code = 'DUPLICATE', reason = 'Duplicate: ' || s.phone || ' is also on line ' || d.first
       FROM (SELECT line, phone, min(line) OVER (PARTITION BY phone) AS first FROM import_stage WHERE code IS NULL) d
       WHERE s.line = d.line AND d.line <> d.first`,
    );
    await q(
      `INSERT INTO contacts (id, organization_id, call_list_id, import_id, line, phone, name, time_zone, variables, on_dnc)
       SELECT id, $1, $2, $3, line, phone, name, time_zone, coalesce(variables, '{}'::jsonb), on_dnc FROM import_stage WHERE code IS NULL`,
      [this.callListId, this.importId],
    );
    await q(
      `INSERT INTO import_rejections (import_id, organization_id, line, code, reason, raw)
       SELECT $2, $1, line, code, reason, raw FROM import_stage WHERE code IS NOT NULL`,
      [this.importId],
    );
    const [counts] = await c.query<{ rows_read: number; accepted: number; rejected: number; duplicates: number; on_dnc: number }>(
      `SELECT count(*)::int AS rows_read, count(*) FILTER (WHERE code IS NULL)::int AS accepted, count(*) FILTER (WHERE code IS NOT NULL)::int AS rejected,
              count(*) FILTER (WHERE code = 'DUPLICATE')::int AS duplicates, count(*) FILTER (WHERE code IS NULL AND on_dnc)::int AS on_dnc
       FROM import_stage`,
    ).then((r) => r.rows);
    const result: ImportCounts = { rowsRead: counts!.rows_read, accepted: counts!.accepted, rejected: counts!.rejected, duplicates: counts!.duplicates, onDnc: counts!.on_dnc };
    await q(
      `UPDATE import_jobs SET state = 'completed', rows_read = $3, accepted = $4, rejected = $5, duplicates = $6, on_dnc = $7, finished_at = clock_timestamp(), error_code = NULL, error_message = NULL
       WHERE organization_id = $1 AND id = $2`,
      [this.importId, result.rowsRead, result.accepted, result.rejected, result.duplicates, result.onDnc],
    );
    await c.query('COMMIT');
    this.detach();
    this.client.release();
    return result;
  }

  async abort(): Promise<void> {
    this.detach();
    try {
      await this.client.query('ROLLBACK');
      this.client.release();
    } catch (error) {
      this.client.release(error as Error);
    }
  }
}

@Injectable()
export class PgImportSink extends ImportSink {
  constructor(private readonly db: DataSource) {
    super();
  }

  async begin(orgId: OrgId, callListId: string, importId: string): Promise<ImportSession> {
    const pool = pgPoolOf(this.db);
    if (!pool) throw new Error('the import needs the pg pool of the data source');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `CREATE TEMP TABLE import_stage (id uuid NOT NULL, line int NOT NULL, phone text, name text, time_zone text, variables jsonb, on_dnc boolean NOT NULL,
           code text, reason text, raw text) ON COMMIT DROP`,
      );
      return new PgImportSession(client, orgId, callListId, importId);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
  }
}
