import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message rules (F3): "we missed your call" by SMS when a missed inbound call matches one, and the
 * sends that keep it to once per caller per rule per window (the key makes a duplicate or concurrent
 * call end a no-op).
 */
export class MessageRules1765000000000 implements MigrationInterface {
  name = 'MessageRules1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_rules (
        id                     uuid        PRIMARY KEY,
        organization_id        uuid        NOT NULL,
        name                   text        NOT NULL,
        active                 boolean     NOT NULL,
        channel                text        NOT NULL,
        called_numbers         text[]      NOT NULL,
        "when"                 text        NOT NULL,
        business_hours         jsonb       NOT NULL,
        template               text        NOT NULL,
        window_hours           integer     NOT NULL,
        callback_after_minutes integer,
        priority               integer     NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, name)
      )`);
    await q.query(`CREATE INDEX message_rules_priority_idx ON message_rules (organization_id, priority, created_at)`);
    await q.query(`
      CREATE TABLE message_rule_sends (
        organization_id uuid        NOT NULL,
        rule_id         uuid        NOT NULL,
        caller_number   text        NOT NULL,
        sms_id          uuid        NOT NULL,
        call_id         uuid        NOT NULL,
        sent_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, rule_id, caller_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_rule_sends`);
    await q.query(`DROP TABLE message_rules`);
  }
}
