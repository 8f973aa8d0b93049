import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { isConfigurable, ProviderRegistry } from '../providers/provider.registry';
import { AccountContextLoader } from './account-context.loader';
import { ProviderAccountEntity } from './provider-account.entity';
import { readAccountFields, readOrgId, validationFailed } from './provider-account.input';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView, type ProviderAccountView } from './provider-account.view';

@Injectable()
export class CreateProviderAccountUseCase {
  private readonly logger = new Logger(CreateProviderAccountUseCase.name);

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(body: Record<string, unknown>): Promise<ProviderAccountView> {
    const orgId = readOrgId(body);
    const fields = readAccountFields(body, true);
    const provider = this.registry.get(fields.type!);
    const settings = fields.settings ?? {};
    const secrets = { ...provider.generatedSecrets(), ...fields.secrets };
    const problems = provider.validateConfig(settings, secrets);
    if (problems.length) validationFailed(problems);
    const entity = new ProviderAccountEntity();
    entity.id = uuidv7();
    entity.organizationId = orgId;
    entity.type = fields.type!;
    entity.name = fields.name!;
    entity.settings = settings;
    entity.secretsSealed = this.contexts.seal(entity.id, secrets);
    entity.operatorMap = {};
    const saved = await this.accounts.save(orgId, entity);
    const ctx = this.contexts.toContext(saved);
    if (isConfigurable(provider)) {
      await provider.configure(ctx).catch((e: Error) => this.logger.warn(`could not configure ${saved.id} on the provider: ${e.message}`));
    }
    return toView(saved, ctx, this.registry);
  }
}
