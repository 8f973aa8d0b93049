import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DIAL_TARGET_PATTERN, type TransferCallV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import { AccountContextLoader } from '../provider-accounts/account-context.loader';
import { ProviderAccountRepository } from '../provider-accounts/provider-account.repository';
import { ProviderRegistry } from '../providers/provider.registry';
import { SubjectNames } from '../shared/subject-names';
import { findCall } from './call-lookup';

/** telephony.call.transfer.v1 → provider transfer to an E.164 number or sip: URI (E7). */
@Injectable()
export class TransferCallUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly publisher: EventPublisher,
    private readonly subjects: SubjectNames,
  ) {}

  async execute(cmd: TransferCallV1, manager: EntityManager): Promise<'sent' | 'failed' | 'ignored'> {
    const orgId = asOrgId(cmd.organizationId);
    const call = await findCall(manager, orgId, cmd.callId);
    if (!call || call.endedAt || !call.providerCallId) return 'ignored';
    const entity = await this.accounts.findOne(orgId, { id: call.providerAccountId }, manager);
    if (!entity) return 'ignored';
    const fail = async (reason: 'invalid_target' | 'provider_error', providerCode?: string) => {
      const data = {
        organizationId: orgId, callId: call.callId, providerAccountId: entity.id, provider: entity.type, providerCallId: call.providerCallId!,
        target: cmd.target, reason, ...(providerCode ? { providerCode: providerCode.slice(0, 100) } : {}),
      };
      await this.publisher.publish({ type: this.subjects.of('CallTransferFailed'), data, orgid: orgId, subject: call.callId }, { manager });
      return 'failed' as const;
    };
    if (!DIAL_TARGET_PATTERN.test(cmd.target)) return fail('invalid_target');
    try {
      await this.registry.get(entity.type).transfer(this.contexts.toContext(entity), call.providerCallId, cmd.target);
      return 'sent';
    } catch (err) {
      return fail('provider_error', (err as Error).message);
    }
  }
}
