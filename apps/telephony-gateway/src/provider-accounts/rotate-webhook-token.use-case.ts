import { Injectable } from '@nestjs/common';
import type { ProviderAccountRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { AccountContextLoader } from './account-context.loader';
import { ProviderAccountRepository } from './provider-account.repository';
import { ProviderAccountStore } from './provider-account.store';
import { refuseInvalidConfig, secretsInUrl, type ProviderAccountView } from './provider-account.view';

/**
 * Replaces the secret the account's webhook URL carries (CallGear's path token) with a fresh one
 * from the provider's generator, in one call. This process stops accepting the old one at once;
 * other replicas when their account cache expires (AccountContextLoader, 5 s).
 */
@Injectable()
export class RotateWebhookTokenUseCase {

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly store: ProviderAccountStore,
  ) {}

  async execute(input: ProviderAccountRequest): Promise<ProviderAccountView> {
    const orgId = asOrgId(input.organizationId);
    const id = input.id.toLowerCase();
    const entity = await this.accounts.findOne(orgId, { id });
    if (!entity) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    const provider = this.registry.get(entity.type);
    const current = this.contexts.toContext(entity);
    const names = secretsInUrl(provider.webhookUrl(current), current.secrets);
    const fresh = provider.generatedSecrets();
    if (names.length === 0 || names.some((n) => fresh[n] === undefined)) {
      throw new TelephonyError('PROVIDER_NOT_SUPPORTED', `a ${entity.type} webhook URL carries no secret to rotate; its webhooks are signed (change the secret with PATCH secrets)`);
    }
    const secrets = { ...current.secrets, ...Object.fromEntries(names.map((n) => [n, fresh[n]!])) };
    refuseInvalidConfig(provider.validateConfig(entity.settings, secrets));
    return this.store.saveWithSecrets(orgId, entity, secrets);
  }
}
