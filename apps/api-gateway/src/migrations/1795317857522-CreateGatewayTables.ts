import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, their API keys and users, and stored Idempotency-Key answers. */
export class CreateGatewayTables1795317857522 implements MigrationInterface {
  name = 'CreateGatewayTables1795317857522';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        plan text NOT NULL CHECK (plan IN ('free', 'starter', 'business', 'enterprise')),
        default_country char(2) NOT NULL,
        time_zone text NOT NULL,
        concurrent_slots integer NOT NULL CHECK (concurrent_slots >= 1),
        calls_per_hour integer NOT NULL CHECK (calls_per_hour >= 1),
        min_credits_to_start integer NOT NULL CHECK (min_credits_to_start >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Millisecond timestamps: a JS Date round-trips exactly, so keyset cursors never skip rows.
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator')),
        prefix text NOT NULL,
        key_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz(3)
      )`);
    await q.query('CREATE INDEX api_keys_org_page_idx ON api_keys (organization_id, created_at DESC, id DESC)');
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator')),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE UNIQUE INDEX users_org_email_uq ON users (organization_id, lower(email))');
    await q.query('CREATE INDEX users_org_page_idx ON users (organization_id, created_at DESC, id DESC)');
    // scope: the organization id, or 'platform' for the platform admin key.
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key_hash char(64) NOT NULL,
        organization_id uuid,
        request_hash char(64) NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress', 'completed')),
        response_status integer,
        response_body bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key_hash)
      )`);
    await q.query('CREATE INDEX idempotency_keys_org_idx ON idempotency_keys (organization_id)');
    await q.query('CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
    await q.query('DROP TABLE users');
    await q.query('DROP TABLE api_keys');
    await q.query('DROP TABLE organizations');
  }
}
