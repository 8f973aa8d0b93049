import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SendSmsV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import { AccountContextLoader } from '../provider-accounts/account-context.loader';
import { ProviderAccountRepository } from '../provider-accounts/provider-account.repository';
import { ProviderRegistry } from '../providers/provider.registry';
import { SubjectNames } from '../shared/subject-names';

/** telephony.sms.send.v1 (F3): sent at most once per smsId; sms.sent or sms.failed follows. */
@Injectable()
export class SendSmsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly publisher: EventPublisher,
    private readonly subjects: SubjectNames,
  ) {}

  async execute(cmd: SendSmsV1, manager: EntityManager): Promise<'sent' | 'failed' | 'duplicate'> {
    const orgId = asOrgId(cmd.organizationId);
    const entity = cmd.providerAccountId
      ? await this.accounts.findOne(orgId, { id: cmd.providerAccountId.toLowerCase() })
      : ((await this.accounts.findMany(orgId, {}, { take: 1, order: { createdAt: 'ASC' } }))[0] ?? null);
    // Claimed in its own committed statement, like originate: never two sends for one smsId.
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO sms_messages (sms_id, organization_id, provider_account_id, to_number, status) VALUES ($1, $2, $3, $4, 'sending')
       ON CONFLICT (sms_id) DO NOTHING RETURNING sms_id`,
      [cmd.smsId, orgId, entity?.id ?? null, cmd.to],
    );
    if (claimed.length === 0) return 'duplicate';
    const base = { organizationId: orgId, smsId: cmd.smsId, to: cmd.to };
    let outcome: 'sent' | 'failed';
    let data: Record<string, unknown>;
    try {
      if (!entity) throw Object.assign(new Error('No provider account'), { code: 'PROVIDER_ACCOUNT_NOT_FOUND' });
      const res = await this.registry.get(entity.type).sendSms(this.contexts.toContext(entity), { smsId: cmd.smsId, from: cmd.from, to: cmd.to, body: cmd.body });
      outcome = 'sent';
      data = { ...base, providerAccountId: entity.id, providerMessageId: res.providerMessageId.slice(0, 200) };
    } catch (err) {
      outcome = 'failed';
      const code = (err as { code?: unknown }).code;
      data = { ...base, errorCode: typeof code === 'string' ? code : 'PROVIDER_ERROR', errorMessage: (err as Error).message.slice(0, 500) };
    }
    await manager.query(`UPDATE sms_messages SET status = $2, provider_message_id = $3, error_code = $4 WHERE sms_id = $1`, [
      cmd.smsId, outcome, data.providerMessageId ?? null, data.errorCode ?? null,
    ]);
    const type = this.subjects.of(outcome === 'sent' ? 'SmsSent' : 'SmsFailed');
    await this.publisher.publish({ type, data, orgid: orgId, subject: cmd.smsId }, { manager });
    return outcome;
  }
}
