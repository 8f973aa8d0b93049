import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task waiting only for its calling window to open keeps the time it was otherwise due: when the
 * campaign's windows change, it is looked at again from then (issue 10 item 4), not at the old
 * windows' next opening.
 */
export class WindowWaits1764900000000 implements MigrationInterface {
  name = 'WindowWaits1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call_tasks ADD COLUMN window_wait_from timestamptz`);
    await q.query(`CREATE INDEX call_tasks_window_waits_idx ON call_tasks (organization_id, campaign_id) WHERE window_wait_from IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX call_tasks_window_waits_idx`);
    await q.query(`ALTER TABLE call_tasks DROP COLUMN window_wait_from`);
  }
}
