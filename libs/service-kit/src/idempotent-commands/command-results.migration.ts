import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a command applied under an idempotency key answered, so a retry of it answers the same (issue 9). */
export class CommandResults1764300000000 implements MigrationInterface {
  name = 'CommandResults1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE command_results (
        organization_id uuid NOT NULL,
        command text NOT NULL,
        idempotency_key text NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, command, idempotency_key)
      )`);
    await q.query(`CREATE INDEX command_results_created_idx ON command_results (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE command_results`);
  }
}
