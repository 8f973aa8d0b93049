import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AutocommitStatements, tenantQuery, type OrgId } from '@santral/persistence';

/** `sms_messages`: one row per smsId, claimed before the provider is asked to send it. */
@Injectable()
export class SmsMessageRepository {
  constructor(private readonly autocommit: AutocommitStatements) {}

  /** Committed in its own statement on the side pool, like the originate claim: never two sends for one smsId. */
  async claim(orgId: OrgId, smsId: string, providerAccountId: string | null, to: string): Promise<boolean> {
    const rows = await tenantQuery(
      this.autocommit,
      orgId,
      `INSERT INTO sms_messages (sms_id, organization_id, provider_account_id, to_number, status) VALUES ($2, $1, $3, $4, 'sending')
       ON CONFLICT (sms_id) DO NOTHING RETURNING sms_id`,
      [smsId, providerAccountId, to],
    );
    return rows.length > 0;
  }

  async finish(m: EntityManager, orgId: OrgId, smsId: string, status: 'sent' | 'failed', providerMessageId: string | null, errorCode: string | null): Promise<void> {
    await tenantQuery(
      m,
      orgId,
      `UPDATE sms_messages SET status = $3, provider_message_id = $4, error_code = $5 WHERE sms_id = $2 AND organization_id = $1`,
      [smsId, status, providerMessageId, errorCode],
    );
  }
}
