import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call API (issue 10 items 8–10): the dialer's projection of the campaign context's AI agents
 * (E4 AGENT_INACTIVE / AGENT_INCOMPLETE), the endpoint an operator's click-to-call rings first (E6),
 * and what a call's end fact brings beyond its reason (durations, the provider's call id: E5).
 */
export class CallsApi1764830000000 implements MigrationInterface {
  name = 'CallsApi1764830000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per agent; (fact_at, fact_id) is the newest fact applied, so older ones change nothing; a delete is final.
    await q.query(`
      CREATE TABLE dialer_agents (
        organization_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        name text NOT NULL,
        active boolean NOT NULL,
        complete boolean NOT NULL,
        missing_fields text[] NOT NULL DEFAULT '{}',
        deleted boolean NOT NULL DEFAULT false,
        fact_at timestamptz NOT NULL,
        fact_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, agent_id)
      )`);
    await q.query(`ALTER TABLE operator_presence ADD COLUMN endpoint text`);
    // The stale-operator sweep reads only operators held by a call.
    await q.query(`CREATE INDEX operator_presence_held_idx ON operator_presence (current_call_id) WHERE current_call_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN talk_seconds integer, ADD COLUMN wait_seconds integer, ADD COLUMN total_seconds integer,
        ADD COLUMN forwarded_seconds integer, ADD COLUMN provider_call_id text`);
    await q.query(`CREATE INDEX calls_org_to_idx ON calls (organization_id, to_number, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX calls_org_to_idx`);
    await q.query(`ALTER TABLE calls DROP COLUMN talk_seconds, DROP COLUMN wait_seconds, DROP COLUMN total_seconds, DROP COLUMN forwarded_seconds, DROP COLUMN provider_call_id`);
    await q.query(`DROP INDEX operator_presence_held_idx`);
    await q.query(`ALTER TABLE operator_presence DROP COLUMN endpoint`);
    await q.query(`DROP TABLE dialer_agents`);
  }
}
