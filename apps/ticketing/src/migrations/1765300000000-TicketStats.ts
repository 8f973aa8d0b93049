import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket statistics (J11, S4 §19–24): what happened to each ticket and when — its creation, every status
 * move (reopen and close times) and every change of its fields or calls. Existing tickets get their
 * creation and, when closed later, their close from the columns they already have.
 */
export class TicketStats1765300000000 implements MigrationInterface {
  name = 'TicketStats1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_changes (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        ticket_id uuid NOT NULL,
        at timestamptz NOT NULL,
        -- NULL: the ticket's creation.
        from_status text CHECK (from_status IN ('new', 'open', 'pending', 'closed')),
        to_status text NOT NULL CHECK (to_status IN ('new', 'open', 'pending', 'closed')),
        changed text[] NOT NULL,
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, ticket_id) REFERENCES tickets (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ticket_changes_period_idx ON ticket_changes (organization_id, at, ticket_id)`);
    await q.query(`CREATE INDEX ticket_changes_ticket_idx ON ticket_changes (organization_id, ticket_id, at)`);
    // The period's messages are read by time too (the ticket index has the ticket first).
    await q.query(`CREATE INDEX ticket_messages_period_idx ON ticket_messages (organization_id, created_at, ticket_id)`);
    await q.query(`
      INSERT INTO ticket_changes (organization_id, id, ticket_id, at, from_status, to_status, changed)
      SELECT organization_id, gen_random_uuid(), id, created_at, NULL, CASE WHEN closed_at = created_at THEN 'closed' ELSE 'new' END, '{}'
        FROM tickets`);
    // The status before a close was not kept: pending stands for it (a reopen needs a closed one, so none is invented).
    await q.query(`
      INSERT INTO ticket_changes (organization_id, id, ticket_id, at, from_status, to_status, changed)
      SELECT organization_id, gen_random_uuid(), id, closed_at, 'pending', 'closed', '{status}'
        FROM tickets WHERE closed_at > created_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_messages_period_idx`);
    await q.query(`DROP TABLE ticket_changes`);
  }
}
