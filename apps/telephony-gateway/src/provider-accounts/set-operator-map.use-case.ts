import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { AccountContextLoader } from './account-context.loader';
import type { OperatorMapSetRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView, type ProviderAccountView } from './provider-account.view';

/** PUT /v1/provider-accounts/{id}/operators: provider employee ↔ platform user (G4); replaces the map. */
@Injectable()
export class SetOperatorMapUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(input: OperatorMapSetRequest): Promise<ProviderAccountView> {
    const orgId = asOrgId(input.organizationId);
    const id = input.id.toLowerCase();
    const operatorMap = Object.fromEntries(input.operators.map((o) => [o.providerEmployeeId, o.userId.toLowerCase()]));
    const entity = await this.accounts.findOne(orgId, { id });
    if (!entity) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    entity.operatorMap = operatorMap;
    const saved = await this.accounts.save(orgId, entity);
    this.contexts.invalidate(id);
    return toView(saved, this.contexts.toContext(saved), this.registry);
  }
}
