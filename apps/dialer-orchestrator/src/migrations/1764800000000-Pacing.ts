import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pacing and watchdogs (issue 10 items 3, 6): a token bucket per provider account shared by every
 * dialer replica (its calls-per-second limit); what a call needs for its watchdogs (ring timeout,
 * maximum length) and for billing's settlement (the credit reservation); the indexes the
 * per-recipient frequency cap and the watchdog sweeps read.
 */
export class Pacing1764800000000 implements MigrationInterface {
  name = 'Pacing1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_rate_buckets (
        provider_account_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL,
        last_granted integer NOT NULL DEFAULT 0
      )`);
    await q.query(`ALTER TABLE calls ADD COLUMN reservation_id uuid, ADD COLUMN ring_timeout_seconds integer, ADD COLUMN max_call_seconds integer`);
    await q.query(`CREATE INDEX calls_org_number_created_idx ON calls (organization_id, to_number, created_at)`);
    await q.query(`CREATE INDEX calls_open_created_idx ON calls (created_at) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX call_tasks_direct_waiting_idx ON call_tasks (not_before) WHERE kind <> 'campaign' AND state IN ('pending', 'retry_scheduled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX call_tasks_direct_waiting_idx`);
    await q.query(`DROP INDEX calls_open_created_idx`);
    await q.query(`DROP INDEX calls_org_number_created_idx`);
    await q.query(`ALTER TABLE calls DROP COLUMN reservation_id, DROP COLUMN ring_timeout_seconds, DROP COLUMN max_call_seconds`);
    await q.query(`DROP TABLE provider_rate_buckets`);
  }
}
