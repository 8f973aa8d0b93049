import { Injectable, Logger } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { AccountContextLoader } from './account-context.loader';
import type { ProviderAccountRequest, ProviderAccountTestReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';

/**
 * POST /v1/provider-accounts/{id}/test: asks the provider whether the credentials work. The reply
 * is `ok` or a refusal category; the provider's own answer goes to the log, never to the caller.
 */
@Injectable()
export class TestProviderAccountUseCase {
  private readonly logger = new Logger(TestProviderAccountUseCase.name);

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(input: ProviderAccountRequest): Promise<ProviderAccountTestReply> {
    const entity = await this.accounts.findOne(asOrgId(input.organizationId), { id: input.id.toLowerCase() });
    if (!entity) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    const result = await this.registry.get(entity.type).testCredentials(this.contexts.toContext(entity));
    const testedAt = new Date().toISOString();
    if (result.ok) return { ok: true, testedAt };
    this.logger.warn(`test of provider account ${entity.id} refused (${result.reason}): ${result.cause instanceof Error ? result.cause.message : 'no detail'}`);
    return { ok: false, reason: result.reason, testedAt };
  }
}
