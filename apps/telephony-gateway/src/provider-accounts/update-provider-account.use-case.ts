import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { AccountContextLoader } from './account-context.loader';
import { ProviderSecretsOpener } from './provider-secrets.opener';
import type { ProviderAccountUpdateRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';
import { ProviderAccountStore } from './provider-account.store';
import { refuseInvalidConfig, type ProviderAccountView } from './provider-account.view';

/** PATCH: name replaced, settings merged key by key, secrets merged (write-only). */
@Injectable()
export class UpdateProviderAccountUseCase {

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly secrets: ProviderSecretsOpener,
    private readonly store: ProviderAccountStore,
  ) {}

  async execute(input: ProviderAccountUpdateRequest): Promise<ProviderAccountView> {
    const orgId = asOrgId(input.organizationId);
    const id = input.id.toLowerCase();
    const entity = await this.accounts.findOne(orgId, { id });
    if (!entity) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    const provider = this.registry.get(entity.type);
    const secrets = { ...this.contexts.open(entity), ...this.secrets.open(input.sealedSecrets, input.organizationId) };
    const settings = { ...entity.settings, ...input.settings };
    refuseInvalidConfig(provider.validateConfig(settings, secrets));
    if (input.name) entity.name = input.name.trim();
    entity.settings = settings;
    return this.store.saveWithSecrets(orgId, entity, secrets);
  }
}
