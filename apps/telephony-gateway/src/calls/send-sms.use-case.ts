import { Injectable } from '@nestjs/common';
import { Subjects, type SendSmsV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, type Tx } from '@santral/persistence';
import { ProviderAccountDirectory } from '../provider-accounts/provider-account.directory';
import { ProviderRegistry } from '../providers/provider.registry';
import { SmsMessageRepository } from './sms-message.repository';

/** telephony.sms.send.v1 (F3): sent at most once per smsId; sms.sent or sms.failed follows. */
@Injectable()
export class SendSmsUseCase {
  constructor(
    private readonly accounts: ProviderAccountDirectory,
    private readonly messages: SmsMessageRepository,
    private readonly registry: ProviderRegistry,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(cmd: SendSmsV1, manager: Tx): Promise<'sent' | 'failed' | 'duplicate'> {
    const orgId = asOrgId(cmd.organizationId);
    const account = cmd.providerAccountId ? await this.accounts.find(orgId, cmd.providerAccountId, manager) : await this.accounts.first(orgId, manager);
    if (!(await this.messages.claim(orgId, cmd.smsId, account?.id ?? null, cmd.to))) return 'duplicate';
    const base = { organizationId: orgId, smsId: cmd.smsId, to: cmd.to };
    const meta = { orgid: orgId, subject: cmd.smsId, manager };
    try {
      if (!account) throw Object.assign(new Error('No provider account'), { code: 'PROVIDER_ACCOUNT_NOT_FOUND' });
      const res = await this.registry.get(account.type).sendSms(account, { smsId: cmd.smsId, from: cmd.from, to: cmd.to, body: cmd.body });
      const providerMessageId = res.providerMessageId.slice(0, 200);
      await this.messages.finish(manager, orgId, cmd.smsId, 'sent', providerMessageId, null);
      await this.publisher.publish(Subjects.Telephony.SmsSent, { ...base, providerAccountId: account.id, providerMessageId }, meta);
      return 'sent';
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const errorCode = typeof code === 'string' ? code : 'PROVIDER_ERROR';
      await this.messages.finish(manager, orgId, cmd.smsId, 'failed', null, errorCode);
      await this.publisher.publish(Subjects.Telephony.SmsFailed, { ...base, errorCode, errorMessage: (err as Error).message.slice(0, 500) }, meta);
      return 'failed';
    }
  }
}
