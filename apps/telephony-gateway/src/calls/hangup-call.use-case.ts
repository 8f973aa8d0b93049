import { Injectable, Logger } from '@nestjs/common';
import type { HangupCallV1 } from '@santral/contracts';
import { asOrgId, type Tx } from '@santral/persistence';
import { ProviderAccountDirectory } from '../provider-accounts/provider-account.directory';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyCallRepository } from './telephony-call.repository';

/** telephony.call.hangup.v1 → provider hangup; the provider's own webhooks then report the end. */
@Injectable()
export class HangupCallUseCase {
  private readonly logger = new Logger(HangupCallUseCase.name);

  constructor(
    private readonly calls: TelephonyCallRepository,
    private readonly accounts: ProviderAccountDirectory,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(cmd: HangupCallV1, manager: Tx): Promise<'sent' | 'ignored'> {
    const orgId = asOrgId(cmd.organizationId);
    const call = await this.calls.find(manager, orgId, cmd.callId);
    if (!call || call.endedAt || !call.providerCallId) return 'ignored';
    const account = await this.accounts.find(orgId, call.providerAccountId, manager);
    if (!account) return 'ignored';
    await this.registry.get(account.type).hangup(account, call.providerCallId);
    this.logger.log(`hangup sent for ${cmd.callId} (${cmd.reason})`);
    return 'sent';
  }
}
