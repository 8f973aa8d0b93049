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

  async execute(cmd: HangupCallV1, manager: Tx): Promise<'sent' | 'cancelled' | 'ignored' | 'already_gone'> {
    const orgId = asOrgId(cmd.organizationId);
    const call = await this.calls.find(manager, orgId, cmd.callId);
    if (call?.endedAt) return 'ignored';
    if (!call) {
      // Ahead of its originate (commands can be relayed out of order): the originate will not dial.
      await this.calls.recordCancellation(manager, orgId, cmd.callId, cmd.reason);
      return 'cancelled';
    }
    // Claimed, the provider not answered yet: retried (backoff) until the call has its provider id.
    if (!call.providerCallId) throw new Error(`call ${cmd.callId} is still being dialled`);
    const account = await this.accounts.find(orgId, call.providerAccountId, manager);
    if (!account) return 'ignored';
    // A call the provider no longer has is over: the command is done, not retried or dead-lettered.
    if ((await this.registry.get(account.type).hangup(account, call.providerCallId)) === 'already_gone') {
      this.logger.log(`hangup of ${cmd.callId} (${cmd.reason}): the provider has no such call any more`);
      return 'already_gone';
    }
    this.logger.log(`hangup sent for ${cmd.callId} (${cmd.reason})`);
    return 'sent';
  }
}
