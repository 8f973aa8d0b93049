import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks that are not a campaign's (issue 10 item 1): a single call, a test call, click-to-call or a
 * callback carries its own dial plan, the call id its API caller was given, and who takes part
 * (an AI agent, or the operator whose phone rings first). Calls record their kind.
 */
export class DirectCallTasks1764700000000 implements MigrationInterface {
  name = 'DirectCallTasks1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE call_tasks
        ADD COLUMN kind text NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign', 'single', 'click_to_call', 'test', 'callback')),
        ADD COLUMN plan jsonb,
        ADD COLUMN first_call_id uuid UNIQUE,
        ADD COLUMN agent_id uuid,
        ADD COLUMN operator_user_id uuid,
        ADD COLUMN operator_endpoint text,
        ADD COLUMN customer_id uuid,
        ADD COLUMN ticket_id uuid,
        ALTER COLUMN contact_id DROP NOT NULL,
        ADD CONSTRAINT call_tasks_plan_check CHECK (campaign_id IS NOT NULL OR plan IS NOT NULL)`);
    await q.query(`ALTER TABLE calls ADD COLUMN kind text NOT NULL DEFAULT 'campaign', ADD COLUMN agent_id uuid, ADD COLUMN operator_user_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP COLUMN kind, DROP COLUMN agent_id, DROP COLUMN operator_user_id`);
    await q.query(`DELETE FROM call_tasks WHERE contact_id IS NULL`);
    await q.query(`
      ALTER TABLE call_tasks DROP CONSTRAINT call_tasks_plan_check, ALTER COLUMN contact_id SET NOT NULL,
        DROP COLUMN kind, DROP COLUMN plan, DROP COLUMN first_call_id, DROP COLUMN agent_id, DROP COLUMN operator_user_id,
        DROP COLUMN operator_endpoint, DROP COLUMN customer_id, DROP COLUMN ticket_id`);
  }
}
