import { MigrationInterface, QueryRunner } from 'typeorm';

/** provider_accounts, telephony_calls, provider_call_refs, webhook_receipts, sms_messages (DESIGN §4). */
export class TelephonyTables1763810000000 implements MigrationInterface {
  name = 'TelephonyTables1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_accounts (
        id              uuid        PRIMARY KEY,
        organization_id uuid        NOT NULL,
        type            text        NOT NULL,
        name            text        NOT NULL,
        settings        jsonb       NOT NULL DEFAULT '{}',
        secrets_sealed  text        NOT NULL,
        operator_map    jsonb       NOT NULL DEFAULT '{}',
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX provider_accounts_org_idx ON provider_accounts (organization_id, created_at, id)`);
    await q.query(`
      CREATE TABLE telephony_calls (
        call_id              uuid        PRIMARY KEY,
        organization_id      uuid        NOT NULL,
        provider_account_id  uuid        NOT NULL,
        provider             text        NOT NULL,
        direction            text        NOT NULL,
        attempt              int         NOT NULL DEFAULT 1,
        state                text        NOT NULL,
        provider_call_id     text,
        from_number          text,
        to_number            text,
        max_duration_seconds int,
        created_at           timestamptz NOT NULL DEFAULT now(),
        last_fact_at         timestamptz NOT NULL DEFAULT now(),
        deadline_at          timestamptz,
        ended_at             timestamptz,
        end_reason           jsonb,
        -- token of the statement that ended the call: only that one publishes telephony.call.ended.v1
        ended_by             uuid
      )`);
    await q.query(`CREATE INDEX telephony_calls_open_deadline_idx ON telephony_calls (deadline_at) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX telephony_calls_org_idx ON telephony_calls (organization_id, created_at)`);
    await q.query(`
      CREATE TABLE provider_call_refs (
        provider_account_id uuid        NOT NULL,
        provider_ref        text        NOT NULL,
        ref_kind            text        NOT NULL,
        call_id             uuid        NOT NULL,
        organization_id     uuid        NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_account_id, provider_ref)
      )`);
    await q.query(`CREATE INDEX provider_call_refs_call_idx ON provider_call_refs (call_id)`);
    await q.query(`
      CREATE TABLE webhook_receipts (
        provider_account_id uuid        NOT NULL,
        dedupe_key          text        NOT NULL,
        organization_id     uuid        NOT NULL,
        event               text        NOT NULL,
        received_at         timestamptz NOT NULL DEFAULT now(),
        payload             text        NOT NULL,
        PRIMARY KEY (provider_account_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX webhook_receipts_received_idx ON webhook_receipts USING brin (received_at)`);
    await q.query(`
      CREATE TABLE sms_messages (
        sms_id              uuid        PRIMARY KEY,
        organization_id     uuid        NOT NULL,
        provider_account_id uuid,
        to_number           text        NOT NULL,
        status              text        NOT NULL,
        provider_message_id text,
        error_code          text,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sms_messages`);
    await q.query(`DROP TABLE webhook_receipts`);
    await q.query(`DROP TABLE provider_call_refs`);
    await q.query(`DROP TABLE telephony_calls`);
    await q.query(`DROP TABLE provider_accounts`);
  }
}
