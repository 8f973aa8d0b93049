import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slots are leases (DESIGN §7, invariant 1): one row per (organization, slot number), so an
 * organization can never hold more leases than slot numbers it was given — with any number of
 * dialer replicas — and a lease whose call went silent expires and is taken over.
 */
export class SlotLeases1764500000000 implements MigrationInterface {
  name = 'SlotLeases1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE slot_leases (
        organization_id uuid NOT NULL,
        slot_no integer NOT NULL CHECK (slot_no >= 1),
        call_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('outbound', 'inbound')),
        leased_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, slot_no)
      )`);
    await q.query(`CREATE UNIQUE INDEX slot_leases_call_idx ON slot_leases (organization_id, call_id)`);
    await q.query(`CREATE INDEX slot_leases_expires_idx ON slot_leases (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE slot_leases`);
  }
}
