import { MigrationInterface, QueryRunner } from 'typeorm';

/** A running import job's heartbeat: a job whose process died (queued and never started, or running and silent) is run again. */
export class ImportHeartbeat1764910000000 implements MigrationInterface {
  name = 'ImportHeartbeat1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_jobs ADD COLUMN heartbeat_at timestamptz`);
    await q.query(`CREATE INDEX import_jobs_unfinished_idx ON import_jobs (created_at) WHERE state IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX import_jobs_unfinished_idx`);
    await q.query(`ALTER TABLE import_jobs DROP COLUMN heartbeat_at`);
  }
}
