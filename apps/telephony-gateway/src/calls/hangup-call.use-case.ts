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
    // Locked: an originate that is recording its provider id commits first, and this one then sees it.
    const call = await this.calls.findForUpdate(manager, orgId, cmd.callId);
    if (call?.endedAt) return 'ignored';
    if (!call) {
      // Ahead of its originate (commands can be relayed out of order): the originate will not dial.
      await this.calls.recordCancellation(manager, orgId, cmd.callId, cmd.reason);
      return 'cancelled';
    }
    // Claimed, no provider id yet: the originate is dialling, or its process died while it dialled.
    // The cancellation is kept; a dialling originate checks it after recording its provider id (the
    // row lock orders the two) and hangs up; a dead one's call is closed by the reconciler at its
    // deadline. Retrying here instead outlived the retries when the originate had died (chaos).
    if (!call.providerCallId) {
      await this.calls.recordCancellation(manager, orgId, cmd.callId, cmd.reason);
      this.logger.log(`hangup of ${cmd.callId} (${cmd.reason}) while it is being dialled: kept for the originate`);
      return 'cancelled';
    }
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
