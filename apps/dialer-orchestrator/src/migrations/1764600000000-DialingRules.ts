import { MigrationInterface, QueryRunner } from 'typeorm';

/** The do-not-call list, caller numbers (hotlines) and operators' presence (B4, E4, S3). */
export class DialingRules1764600000000 implements MigrationInterface {
  name = 'DialingRules1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per (organization, E.164 number): a number added twice is the same entry.
    await q.query(`
      CREATE TABLE dnc_entries (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        number text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dnc_entries_number_key UNIQUE (organization_id, number)
      )`);
    await q.query(`CREATE INDEX dnc_entries_page_idx ON dnc_entries (organization_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE hotlines (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        number text NOT NULL,
        label text NOT NULL,
        outbound_allowed boolean NOT NULL,
        allowed_groups text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hotlines_number_key UNIQUE (organization_id, number)
      )`);
    await q.query(`CREATE INDEX hotlines_page_idx ON hotlines (organization_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE operator_presence (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('available', 'busy', 'offline')),
        current_call_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, user_id),
        CHECK (current_call_id IS NULL OR status = 'busy')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operator_presence`);
    await q.query(`DROP TABLE hotlines`);
    await q.query(`DROP TABLE dnc_entries`);
  }
}
