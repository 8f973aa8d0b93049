import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `telephony_calls_org_idx` served no query (calls are found by id, by provider ref and by
 * deadline), yet every call insert and every non-HOT state update maintained it: at thousands
 * of webhooks a second that is Postgres work and WAL for nothing.
 */
export class DropUnusedCallOrgIndex1763990000000 implements MigrationInterface {
  name = 'DropUnusedCallOrgIndex1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS telephony_calls_org_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS telephony_calls_org_idx ON telephony_calls (organization_id, created_at)`);
  }
}
