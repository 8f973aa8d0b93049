import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HangupCallV1 } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { AccountContextLoader } from '../provider-accounts/account-context.loader';
import { ProviderAccountRepository } from '../provider-accounts/provider-account.repository';
import { ProviderRegistry } from '../providers/provider.registry';
import { findCall } from './call-lookup';

/** telephony.call.hangup.v1 → provider hangup; the provider's own webhooks then report the end. */
@Injectable()
export class HangupCallUseCase {
  private readonly logger = new Logger(HangupCallUseCase.name);

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(cmd: HangupCallV1, manager: EntityManager): Promise<'sent' | 'ignored'> {
    const orgId = asOrgId(cmd.organizationId);
    const call = await findCall(manager, orgId, cmd.callId);
    if (!call || call.endedAt || !call.providerCallId) return 'ignored';
    const entity = await this.accounts.findOne(orgId, { id: call.providerAccountId }, manager);
    if (!entity) return 'ignored';
    await this.registry.get(entity.type).hangup(this.contexts.toContext(entity), call.providerCallId);
    this.logger.log(`hangup sent for ${cmd.callId} (${cmd.reason})`);
    return 'sent';
  }
}
