import { Injectable } from '@nestjs/common';
import { DIAL_TARGET_PATTERN, Subjects, type TransferCallV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, type Tx } from '@santral/persistence';
import { ProviderAccountDirectory } from '../provider-accounts/provider-account.directory';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyCallRepository } from './telephony-call.repository';

/** telephony.call.transfer.v1 → provider transfer to an E.164 number or sip: URI (E7). */
@Injectable()
export class TransferCallUseCase {
  constructor(
    private readonly calls: TelephonyCallRepository,
    private readonly accounts: ProviderAccountDirectory,
    private readonly registry: ProviderRegistry,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(cmd: TransferCallV1, manager: Tx): Promise<'sent' | 'failed' | 'ignored'> {
    const orgId = asOrgId(cmd.organizationId);
    const call = await this.calls.find(manager, orgId, cmd.callId);
    if (!call || call.endedAt || !call.providerCallId) return 'ignored';
    const account = await this.accounts.find(orgId, call.providerAccountId, manager);
    if (!account) return 'ignored';
    const providerCallId = call.providerCallId;
    const fail = async (reason: 'invalid_target' | 'provider_error', providerCode?: string) => {
      const data = {
        organizationId: orgId, callId: call.callId, providerAccountId: account.id, provider: account.type, providerCallId,
        target: cmd.target, reason, ...(providerCode ? { providerCode: providerCode.slice(0, 100) } : {}),
      };
      await this.publisher.publish(Subjects.Telephony.CallTransferFailed, data, { orgid: orgId, subject: call.callId, manager });
      return 'failed' as const;
    };
    if (!DIAL_TARGET_PATTERN.test(cmd.target)) return fail('invalid_target');
    try {
      await this.registry.get(account.type).transfer(account, providerCallId, cmd.target);
      return 'sent';
    } catch (err) {
      return fail('provider_error', (err as Error).message);
    }
  }
}
