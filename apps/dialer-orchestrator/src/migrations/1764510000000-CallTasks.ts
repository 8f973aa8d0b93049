import { MigrationInterface, QueryRunner } from 'typeorm';

/** One task per contact to call (issue 10 item 1), idempotent on (organization, campaign, contact). */
export class CallTasks1764510000000 implements MigrationInterface {
  name = 'CallTasks1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_tasks (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        campaign_id uuid,
        contact_id uuid NOT NULL,
        to_number text NOT NULL,
        contact_name text,
        time_zone text,
        time_zone_source text NOT NULL,
        variables jsonb NOT NULL DEFAULT '{}'::jsonb,
        priority smallint NOT NULL DEFAULT 0,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dialing', 'retry_scheduled', 'finished', 'cancelled')),
        attempt integer NOT NULL DEFAULT 0,
        not_before timestamptz NOT NULL DEFAULT now(),
        batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A campaign's contact is one task however often its batch is delivered (NULLS NOT DISTINCT needs
    // Postgres 15; single calls have their own ids, so campaign_id is coalesced instead).
    await q.query(`CREATE UNIQUE INDEX call_tasks_contact_idx ON call_tasks (organization_id, coalesce(campaign_id, id), contact_id)`);
    await q.query(`CREATE INDEX call_tasks_ready_idx ON call_tasks (organization_id, priority DESC, not_before) WHERE state IN ('pending', 'retry_scheduled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_tasks`);
  }
}
