import { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns (D1, D2), their release cursor (issue 11 item 6) and per-contact progress (D4). */
export class Campaigns1764900000000 implements MigrationInterface {
  name = 'Campaigns1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        name text NOT NULL,
        agent_id uuid NOT NULL,
        call_list_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled')),
        pause_reason text,
        completion_reason text,
        from_number text,
        provider_account_id uuid,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        calling_windows jsonb NOT NULL,
        default_time_zone text,
        retry_policy jsonb NOT NULL,
        calls_per_hour int,
        ring_timeout_seconds int NOT NULL,
        max_call_seconds int,
        restricted_dates text[] NOT NULL DEFAULT '{}',
        sample_size int,
        -- Contacts are requested in id order: the last id requested, how many, and the most to request (null: all).
        release_after uuid,
        release_limit int,
        requested int NOT NULL DEFAULT 0,
        release_done boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    // Contacts are released in id order per list.
    await q.query(`CREATE INDEX contacts_release_idx ON contacts (call_list_id, id)`);
    await q.query(`CREATE INDEX campaigns_page_idx ON campaigns (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX campaigns_release_idx ON campaigns (updated_at) WHERE NOT release_done AND state = 'active'`);
    await q.query(`CREATE INDEX campaigns_running_idx ON campaigns (ends_at) WHERE state IN ('scheduled', 'active', 'paused')`);
    // `rank` orders facts that arrive out of order: (attempt, step); a final state is never left.
    await q.query(`
      CREATE TABLE campaign_contacts (
        organization_id uuid NOT NULL,
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL,
        phone text NOT NULL,
        state text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        rank int NOT NULL DEFAULT 0,
        last_call_id uuid,
        last_end_reason text,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (campaign_id, contact_id)
      )`);
    await q.query(`CREATE INDEX campaign_contacts_state_idx ON campaign_contacts (organization_id, campaign_id, state)`);
    // One row per ended call (duration) and per settlement (cost): duplicates collapse on the key.
    await q.query(`
      CREATE TABLE campaign_calls (
        call_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        talk_seconds int NOT NULL,
        answered boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX campaign_calls_campaign_idx ON campaign_calls (organization_id, campaign_id)`);
    await q.query(`
      CREATE TABLE campaign_charges (
        reservation_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        amount numeric(18, 4) NOT NULL
      )`);
    await q.query(`CREATE INDEX campaign_charges_campaign_idx ON campaign_charges (organization_id, campaign_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign_charges, campaign_calls, campaign_contacts, campaigns`);
    await q.query(`DROP INDEX contacts_release_idx`);
  }
}
