import type { MigrationInterface, QueryRunner } from 'typeorm';

/** K9: the organization's note templates; a name is unique per organization whatever its case. */
export class NoteTemplates1765400000000 implements MigrationInterface {
  name = 'NoteTemplates1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE note_templates (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        body text NOT NULL,
        category text,
        tags text[] NOT NULL DEFAULT '{}',
        subject text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX note_templates_name_uq ON note_templates (organization_id, lower(name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE note_templates`);
  }
}
