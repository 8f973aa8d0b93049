import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { AccountContextLoader } from './account-context.loader';
import type { ProviderAccountRequest, ProviderAccountTestReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';

/** POST /v1/provider-accounts/{id}/test: asks the provider whether the credentials work. */
@Injectable()
export class TestProviderAccountUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(input: ProviderAccountRequest): Promise<ProviderAccountTestReply> {
    const entity = await this.accounts.findOne(asOrgId(input.organizationId), { id: input.id.toLowerCase() });
    if (!entity) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    const result = await this.registry.get(entity.type).testCredentials(this.contexts.toContext(entity));
    return { ...result, testedAt: new Date().toISOString() };
  }
}
