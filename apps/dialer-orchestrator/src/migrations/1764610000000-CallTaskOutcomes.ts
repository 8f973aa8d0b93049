import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a task will not be dialled again (dialer.task.finished.v1's outcome), and its last refusal code. */
export class CallTaskOutcomes1764610000000 implements MigrationInterface {
  name = 'CallTaskOutcomes1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call_tasks ADD COLUMN outcome text, ADD COLUMN outcome_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call_tasks DROP COLUMN outcome, DROP COLUMN outcome_reason`);
  }
}
