import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound calls in the dialer (E1, A2, F3): a call reached one of the organization's numbers, so it
 * has no task and perhaps no caller number (withheld); it takes one of the organization's slots,
 * the reserved inbound ones included. A missed one leaves one callback task (`source_call_id`).
 */
export class InboundCalls1764710000000 implements MigrationInterface {
  name = 'InboundCalls1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN direction text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
        ALTER COLUMN task_id DROP NOT NULL,
        ALTER COLUMN from_number DROP NOT NULL,
        ADD CONSTRAINT calls_task_check CHECK (direction = 'inbound' OR task_id IS NOT NULL)`);
    await q.query(`ALTER TABLE call_tasks ADD COLUMN source_call_id uuid UNIQUE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call_tasks DROP COLUMN source_call_id`);
    await q.query(`DELETE FROM call_transitions t USING calls c WHERE c.call_id = t.call_id AND c.direction = 'inbound'`);
    await q.query(`DELETE FROM calls WHERE direction = 'inbound'`);
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_task_check, ALTER COLUMN task_id SET NOT NULL, ALTER COLUMN from_number SET NOT NULL, DROP COLUMN direction`);
  }
}
