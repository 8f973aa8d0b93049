import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { CampaignConfig } from '../config';
import type { ImportMappingV1, ImportRowRejection, ImportState } from '@santral/contracts';
import type { FileShape } from './file-records';
import type { ImportJob, RejectedRow } from './import-job';
import { ImportJobsPort } from './imports.port';

interface JobRow {
  id: string; organization_id: string; call_list_id: string; object_name: string; file_name: string; mapping: ImportMappingV1 | null; state: ImportState;
  format: string | null; encoding: string | null; delimiter: string | null; rows_read: number; accepted: number; rejected: number; duplicates: number; on_dnc: number;
  error_code: string | null; error_message: string | null; created_at: Date; finished_at: Date | null;
}

const toJob = (r: JobRow): ImportJob => ({
  id: r.id, organizationId: r.organization_id, callListId: r.call_list_id, objectName: r.object_name, fileName: r.file_name, mapping: r.mapping, state: r.state,
  format: r.format, encoding: r.encoding, delimiter: r.delimiter, rowsRead: r.rows_read, accepted: r.accepted, rejected: r.rejected, duplicates: r.duplicates, onDnc: r.on_dnc,
  errorCode: r.error_code, errorMessage: r.error_message, createdAt: r.created_at, finishedAt: r.finished_at,
});

@Injectable()
export class ImportJobRepository extends ImportJobsPort {
  constructor(
    private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<CampaignConfig, 'IMPORT_STALE_MS'>,
  ) {
    super();
  }

  async insert(job: ImportJob): Promise<void> {
    await tenantQuery(
      this.db,
      job.organizationId as OrgId,
      `INSERT INTO import_jobs (organization_id, id, call_list_id, object_name, file_name, mapping, state, created_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
      [job.id, job.callListId, job.objectName, job.fileName, job.mapping === null ? null : JSON.stringify(job.mapping), job.state, job.createdAt],
    );
  }

  async orphaned(limit: number): Promise<ImportJob[]> {
    const rows = (await this.db.query(
      `SELECT * FROM import_jobs
        WHERE state IN ('queued', 'running') AND coalesce(heartbeat_at, created_at) < clock_timestamp() - $1 * interval '1 millisecond'
        ORDER BY created_at LIMIT $2`,
      [this.config.IMPORT_STALE_MS, limit],
    )) as JobRow[];
    return rows.map(toJob);
  }

  async find(orgId: OrgId, id: string): Promise<ImportJob | null> {
    const rows = await tenantQuery<JobRow>(this.db, orgId, `SELECT * FROM import_jobs WHERE organization_id = $1 AND id = $2`, [id]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  async claim(orgId: OrgId, id: string): Promise<boolean> {
    // A running job is taken over only once its heartbeat is stale (its process died); the update is atomic, so one replica wins.
    const rows = await tenantQuery(
      this.db,
      orgId,
      `UPDATE import_jobs SET state = 'running', heartbeat_at = clock_timestamp()
        WHERE organization_id = $1 AND id = $2
          AND (state IN ('queued', 'failed') OR (state = 'running' AND coalesce(heartbeat_at, created_at) < clock_timestamp() - $3 * interval '1 millisecond'))
        RETURNING id`,
      [id, this.config.IMPORT_STALE_MS],
    );
    return rows.length > 0;
  }

  async opened(orgId: OrgId, id: string, shape: FileShape): Promise<void> {
    await tenantQuery(this.db, orgId, `UPDATE import_jobs SET format = $3, encoding = $4, delimiter = $5 WHERE organization_id = $1 AND id = $2`, [id, shape.format, shape.encoding, shape.delimiter]);
  }

  async progress(orgId: OrgId, id: string, rowsRead: number): Promise<void> {
    await tenantQuery(this.db, orgId, `UPDATE import_jobs SET rows_read = $3, heartbeat_at = clock_timestamp() WHERE organization_id = $1 AND id = $2 AND state = 'running'`, [id, rowsRead]);
  }

  async fail(orgId: OrgId, id: string, code: string, message: string, rowsRead: number): Promise<void> {
    // Only a running job fails: a completed one stays completed, whatever a late second run of it says.
    await tenantQuery(
      this.db,
      orgId,
      `UPDATE import_jobs SET state = 'failed', error_code = $3, error_message = $4, rows_read = $5, accepted = 0, rejected = 0, duplicates = 0, on_dnc = 0, finished_at = clock_timestamp()
       WHERE organization_id = $1 AND id = $2 AND state = 'running'`,
      [id, code, message.slice(0, 1000), rowsRead],
    );
  }

  async rejectedRows(orgId: OrgId, id: string, afterLine: number, limit: number): Promise<RejectedRow[]> {
    const rows = await tenantQuery<{ line: number; code: ImportRowRejection; reason: string; raw: string | null }>(
      this.db,
      orgId,
      `SELECT line, code, reason, raw FROM import_rejections WHERE organization_id = $1 AND import_id = $2 AND line > $3 ORDER BY line LIMIT $4`,
      [id, afterLine, limit],
    );
    return rows;
  }
}
