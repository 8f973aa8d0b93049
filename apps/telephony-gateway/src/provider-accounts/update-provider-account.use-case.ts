import { Injectable, Logger } from '@nestjs/common';
import { isConfigurable, ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { AccountContextLoader } from './account-context.loader';
import { readAccountFields, readId, readOrgId, validationFailed } from './provider-account.input';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView, type ProviderAccountView } from './provider-account.view';

/** PATCH: name replaced, settings merged key by key, secrets merged (write-only). */
@Injectable()
export class UpdateProviderAccountUseCase {
  private readonly logger = new Logger(UpdateProviderAccountUseCase.name);

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(body: Record<string, unknown>): Promise<ProviderAccountView> {
    const orgId = readOrgId(body);
    const id = readId(body);
    const fields = readAccountFields(body, false);
    const entity = await this.accounts.findOne(orgId, { id });
    if (!entity) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    if (fields.type && fields.type !== entity.type) throw new TelephonyError('VALIDATION_FAILED', 'type cannot be changed');
    const provider = this.registry.get(entity.type);
    const secrets = { ...this.contexts.open(entity), ...fields.secrets };
    const settings = { ...entity.settings, ...fields.settings };
    const problems = provider.validateConfig(settings, secrets);
    if (problems.length) validationFailed(problems);
    if (fields.name) entity.name = fields.name;
    entity.settings = settings;
    entity.secretsSealed = this.contexts.seal(entity.id, secrets);
    const saved = await this.accounts.save(orgId, entity);
    this.contexts.invalidate(id);
    const ctx = this.contexts.toContext(saved);
    if (isConfigurable(provider)) {
      await provider.configure(ctx).catch((e: Error) => this.logger.warn(`could not configure ${id} on the provider: ${e.message}`));
    }
    return toView(saved, ctx, this.registry);
  }
}
