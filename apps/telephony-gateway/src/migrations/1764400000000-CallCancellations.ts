import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hangup that arrives before its call was dialled (commands may be relayed out of order): kept, so
 * the originate that comes later does not dial, and one that is dialling hangs up at once.
 */
export class CallCancellations1764400000000 implements MigrationInterface {
  name = 'CallCancellations1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_cancellations (
        call_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_cancellations`);
  }
}
