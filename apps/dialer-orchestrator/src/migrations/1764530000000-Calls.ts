import { MigrationInterface, QueryRunner } from 'typeorm';

/** The dialer's calls (one per dialled attempt of a task) and every state change with its cause (issue 10 item 5). */
export class Calls1764530000000 implements MigrationInterface {
  name = 'Calls1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calls (
        call_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        task_id uuid NOT NULL,
        campaign_id uuid,
        attempt integer NOT NULL,
        state text NOT NULL,
        to_number text NOT NULL,
        from_number text NOT NULL,
        provider_account_id uuid NOT NULL,
        slot_no integer NOT NULL,
        end_reason jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        UNIQUE (task_id, attempt)
      )`);
    await q.query(`CREATE INDEX calls_org_created_idx ON calls (organization_id, created_at DESC, call_id DESC)`);
    await q.query(`
      CREATE TABLE call_transitions (
        seq bigserial PRIMARY KEY,
        call_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        from_state text,
        to_state text NOT NULL,
        cause text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX call_transitions_call_idx ON call_transitions (call_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_transitions`);
    await q.query(`DROP TABLE calls`);
  }
}
