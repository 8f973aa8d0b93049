import { MigrationInterface, QueryRunner } from 'typeorm';

/** AI voice agents (C1), call lists, their contacts and import jobs (B3). */
export class AgentsAndCallLists1764800000000 implements MigrationInterface {
  name = 'AgentsAndCallLists1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agents (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        name text NOT NULL,
        active boolean NOT NULL,
        first_message_mode text NOT NULL,
        greeting_message text,
        system_instruction text,
        response_timeout_seconds int NOT NULL,
        voice jsonb,
        language text,
        forwarding_targets text[] NOT NULL DEFAULT '{}',
        variables text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX agents_page_idx ON agents (organization_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE call_lists (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        name text NOT NULL,
        country text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX call_lists_page_idx ON call_lists (organization_id, created_at DESC, id DESC)`);
    // One contact per (list, E.164): a duplicate is refused whatever form the file wrote it in.
    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        call_list_id uuid NOT NULL REFERENCES call_lists (id) ON DELETE CASCADE,
        import_id uuid NOT NULL,
        line int NOT NULL,
        phone text NOT NULL,
        name text,
        time_zone text,
        variables jsonb NOT NULL DEFAULT '{}',
        on_dnc boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT contacts_phone_key UNIQUE (call_list_id, phone)
      )`);
    await q.query(`CREATE INDEX contacts_page_idx ON contacts (organization_id, call_list_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        call_list_id uuid NOT NULL REFERENCES call_lists (id) ON DELETE CASCADE,
        object_name text NOT NULL,
        file_name text NOT NULL,
        mapping jsonb,
        state text NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
        format text,
        encoding text,
        delimiter text,
        rows_read int NOT NULL DEFAULT 0,
        accepted int NOT NULL DEFAULT 0,
        rejected int NOT NULL DEFAULT 0,
        duplicates int NOT NULL DEFAULT 0,
        on_dnc int NOT NULL DEFAULT 0,
        error_code text,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX import_jobs_org_idx ON import_jobs (organization_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE import_rejections (
        import_id uuid NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        line int NOT NULL,
        code text NOT NULL,
        reason text NOT NULL,
        raw text,
        PRIMARY KEY (import_id, line)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_rejections, import_jobs, contacts, call_lists, agents`);
  }
}
