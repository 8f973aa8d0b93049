import { MigrationInterface, QueryRunner } from 'typeorm';

/** An in-progress Idempotency-Key holds a lease: past it (a crash, a lost reply) a retry may take over. */
export class IdempotencyLeases1795400000000 implements MigrationInterface {
  name = 'IdempotencyLeases1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN lease_expires_at timestamptz`);
    await q.query(`UPDATE idempotency_keys SET lease_expires_at = created_at WHERE state = 'in_progress'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN lease_expires_at`);
  }
}
