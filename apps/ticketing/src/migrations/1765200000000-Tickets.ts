import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tickets from calls (J1–J10): tickets, the calls on them, their messages, and what ticketing knows of each call. */
export class Tickets1765200000000 implements MigrationInterface {
  name = 'Tickets1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tickets (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('inbound_call', 'missed_call', 'outbound_call', 'manual')),
        status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'closed')),
        handset text NOT NULL CHECK (handset IN ('none', 'red', 'green')),
        subject text NOT NULL,
        summary text,
        caller_number text,
        customer_id uuid,
        assignee_user_id uuid,
        superseded_by uuid,
        reopen_count int NOT NULL DEFAULT 0,
        -- J8: another missed call joins this ticket only while no conversation happened since.
        groups_missed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz,
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX tickets_page_idx ON tickets (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX tickets_customer_idx ON tickets (organization_id, customer_id, updated_at DESC) WHERE customer_id IS NOT NULL`);
    await q.query(`CREATE INDEX tickets_missed_idx ON tickets (organization_id, caller_number) WHERE kind = 'missed_call' AND status <> 'closed'`);
    // One conversation (a call, as one operator had it) never gets two tickets; '' = no operator (a missed call).
    await q.query(`
      CREATE TABLE ticket_calls (
        organization_id uuid NOT NULL,
        call_id uuid NOT NULL,
        operator_key text NOT NULL,
        ticket_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('conversation', 'missed', 'attempt')),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, call_id, operator_key),
        FOREIGN KEY (organization_id, ticket_id) REFERENCES tickets (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ticket_calls_ticket_idx ON ticket_calls (organization_id, ticket_id, created_at)`);
    await q.query(`
      CREATE TABLE ticket_messages (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        ticket_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('call', 'attempt', 'missed_call')),
        call_id uuid,
        author_user_id uuid,
        body text,
        recording_url text,
        recording_seconds int,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, ticket_id) REFERENCES tickets (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (organization_id, ticket_id, created_at, id)`);
    await q.query(`CREATE INDEX ticket_messages_call_idx ON ticket_messages (organization_id, call_id) WHERE call_id IS NOT NULL`);
    // The facts of one call folded together (they arrive in any order), the operators' drafts, and the settlement steps already carried out.
    await q.query(`
      CREATE TABLE ticket_call_tracks (
        organization_id uuid NOT NULL,
        call_id uuid NOT NULL,
        track jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, call_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket_call_tracks`);
    await q.query(`DROP TABLE ticket_messages`);
    await q.query(`DROP TABLE ticket_calls`);
    await q.query(`DROP TABLE tickets`);
  }
}
