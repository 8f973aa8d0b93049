import { Injectable, Logger } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { isConfigurable, ProviderRegistry } from '../providers/provider.registry';
import { AccountContextLoader } from './account-context.loader';
import type { ProviderAccountEntity } from './provider-account.entity';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView, type ProviderAccountView } from './provider-account.view';

/**
 * Writes a changed account back (update, token rotation): its secrets sealed, the row saved, this
 * replica's cache entry dropped, the provider told (where it keeps a copy), the view returned.
 */
@Injectable()
export class ProviderAccountStore {
  private readonly logger = new Logger(ProviderAccountStore.name);

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async saveWithSecrets(orgId: OrgId, entity: ProviderAccountEntity, secrets: Record<string, string>): Promise<ProviderAccountView> {
    entity.secretsSealed = this.contexts.seal(entity.id, secrets);
    const saved = await this.accounts.save(orgId, entity);
    this.contexts.invalidate(entity.id);
    const ctx = this.contexts.toContext(saved);
    const provider = this.registry.get(saved.type);
    if (isConfigurable(provider)) {
      await provider.configure(ctx).catch((e: Error) => this.logger.warn(`could not configure ${saved.id} on the provider: ${e.message}`));
    }
    return toView(saved, ctx, this.registry);
  }
}
