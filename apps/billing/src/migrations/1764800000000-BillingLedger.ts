import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The prepaid ledger (issue 12): one account per organization with its three balances, the
 * append-only entries that explain them, the reservations (pending debits) of calls, one
 * settlement per ended call attempt, per-organization price plans and payments.
 * Amounts are integer minor units: 1 credit = 10,000 units (contracts carry credits with up to
 * four decimals), so no float ever reaches a balance.
 */
export class BillingLedger1764800000000 implements MigrationInterface {
  name = 'BillingLedger1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        organization_id uuid PRIMARY KEY,
        posted_credits bigint NOT NULL DEFAULT 0 CHECK (posted_credits >= 0),
        posted_debits bigint NOT NULL DEFAULT 0 CHECK (posted_debits >= 0),
        pending_debits bigint NOT NULL DEFAULT 0 CHECK (pending_debits >= 0),
        low_balance_threshold bigint NOT NULL DEFAULT 0 CHECK (low_balance_threshold >= 0),
        auto_recharge_enabled boolean NOT NULL DEFAULT false,
        auto_recharge_threshold bigint NOT NULL DEFAULT 0 CHECK (auto_recharge_threshold >= 0),
        auto_recharge_amount bigint NOT NULL DEFAULT 0 CHECK (auto_recharge_amount >= 0),
        stripe_customer_id text,
        stripe_payment_method_id text,
        low_warned boolean NOT NULL DEFAULT false,
        -- A new account is below the minimum already: its first top-up arms the warning, no crossing is announced.
        exhausted boolean NOT NULL DEFAULT true,
        recharge_armed boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- The balance rule (H1, DESIGN §7): calls in flight can never push the available balance below zero.
        CONSTRAINT accounts_available_not_negative CHECK (posted_credits - posted_debits - pending_debits >= 0)
      )`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES accounts (organization_id),
        kind text NOT NULL CHECK (kind IN ('top_up', 'reservation', 'post', 'void', 'expiry', 'refund', 'adjustment', 'auto_recharge')),
        idempotency_key text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        credits_delta bigint NOT NULL DEFAULT 0,
        debits_delta bigint NOT NULL DEFAULT 0,
        pending_delta bigint NOT NULL DEFAULT 0,
        reservation_id uuid,
        call_id uuid,
        campaign_id uuid,
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ledger_entries_key UNIQUE (organization_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX ledger_entries_page ON ledger_entries (organization_id, created_at DESC, id DESC)`);
    // Append-only: an entry, once written, is never changed or removed (corrections are new entries).
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger_entries is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`
      CREATE TABLE reservations (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        call_id uuid NOT NULL,
        attempt integer NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        state text NOT NULL CHECK (state IN ('pending', 'posted', 'expired')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT reservations_call UNIQUE (organization_id, call_id, attempt)
      )`);
    await q.query(`CREATE INDEX reservations_expiry ON reservations (expires_at) WHERE state = 'pending'`);
    await q.query(`
      CREATE TABLE settlements (
        organization_id uuid NOT NULL,
        call_id uuid NOT NULL,
        attempt integer NOT NULL,
        reservation_id uuid,
        campaign_id uuid,
        end_status text NOT NULL,
        connected boolean NOT NULL,
        talk_seconds integer NOT NULL,
        forwarded_seconds integer NOT NULL,
        cost bigint NOT NULL,
        charged bigint NOT NULL,
        shortfall bigint NOT NULL DEFAULT 0,
        late boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (organization_id, call_id, attempt)
      )`);
    await q.query(`CREATE INDEX settlements_report ON settlements (organization_id, created_at)`);
    await q.query(`
      CREATE TABLE price_plans (
        organization_id uuid PRIMARY KEY,
        plan jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        provider text NOT NULL CHECK (provider IN ('stripe', 'manual')),
        purpose text NOT NULL CHECK (purpose IN ('top_up', 'auto_recharge')),
        amount bigint NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        state text NOT NULL CHECK (state IN ('requested', 'charging', 'pending', 'succeeded', 'failed')),
        provider_reference text,
        client_secret text,
        failure text,
        idempotency_key text NOT NULL,
        attempted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT payments_key UNIQUE (organization_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX payments_due ON payments (created_at) WHERE state IN ('requested', 'charging')`);
    await q.query(`CREATE UNIQUE INDEX payments_provider_reference ON payments (provider, provider_reference) WHERE provider_reference IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payments, price_plans, settlements, reservations, ledger_entries, accounts');
    await q.query('DROP FUNCTION ledger_entries_append_only');
  }
}
