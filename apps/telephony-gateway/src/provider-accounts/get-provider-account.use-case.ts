import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { AccountContextLoader } from './account-context.loader';
import type { ProviderAccountRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView, type ProviderAccountView } from './provider-account.view';

@Injectable()
export class GetProviderAccountUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(input: ProviderAccountRequest): Promise<ProviderAccountView> {
    const entity = await this.accounts.findOne(asOrgId(input.organizationId), { id: input.id.toLowerCase() });
    if (!entity) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    return toView(entity, this.contexts.toContext(entity), this.registry);
  }
}
