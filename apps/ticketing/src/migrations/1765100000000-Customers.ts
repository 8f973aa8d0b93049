import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers and their phones (B2, J2), the number-keyed call history of the screen-pop card (F1),
 * one customer.matched per inbound call, and the organization's enrichment URL (K7).
 * `search_text` is written folded by the service (Turkish İ/ı, accents, case: customer-search.ts);
 * the tsvector is generated from it with the `simple` configuration, so no stemming guesses a language.
 */
export class Customers1765100000000 implements MigrationInterface {
  name = 'Customers1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        email text,
        company text,
        notes text,
        custom_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
        search_text text NOT NULL,
        search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX customers_newest ON customers (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX customers_search ON customers USING gin (search)`);
    // One customer per number and organization: the primary key is also the screen-pop's only index path.
    await q.query(`
      CREATE TABLE customer_phones (
        organization_id uuid NOT NULL,
        caller_id_key text NOT NULL,
        customer_id uuid NOT NULL,
        e164 text NOT NULL,
        created_at timestamptz NOT NULL,
        -- the order phones were linked in (several in one transaction share created_at)
        seq bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (organization_id, caller_id_key),
        FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX customer_phones_of_customer ON customer_phones (organization_id, customer_id, seq)`);
    await q.query(`
      CREATE TABLE customer_calls (
        organization_id uuid NOT NULL,
        call_id uuid NOT NULL,
        caller_id_key text NOT NULL,
        direction text NOT NULL,
        reason text NOT NULL,
        talk_seconds integer NOT NULL,
        ended_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, call_id)
      )`);
    await q.query(`CREATE INDEX customer_calls_of_number ON customer_calls (organization_id, caller_id_key, ended_at DESC)`);
    await q.query(`
      CREATE TABLE customer_matches (
        organization_id uuid NOT NULL,
        call_id uuid NOT NULL,
        caller_id_key text,
        customer_id uuid,
        matched_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, call_id)
      )`);
    await q.query(`
      CREATE TABLE enrichment_settings (
        organization_id uuid PRIMARY KEY,
        url text,
        secret text NOT NULL,
        timeout_ms integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE enrichment_settings');
    await q.query('DROP TABLE customer_matches');
    await q.query('DROP TABLE customer_calls');
    await q.query('DROP TABLE customer_phones');
    await q.query('DROP TABLE customers');
  }
}
