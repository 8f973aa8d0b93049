import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { isConfigurable, ProviderRegistry } from '../providers/provider.registry';
import { AccountContextLoader } from './account-context.loader';
import { ProviderSecretsOpener } from './provider-secrets.opener';
import { ProviderAccountEntity } from './provider-account.entity';
import { Rpc, type ProviderAccountCreateRequest } from '@santral/contracts';
import { IdempotentCommands } from '@santral/service-kit';
import { TelephonyError } from '../shared/telephony.error';
import { asOrgId } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';
import { refuseInvalidConfig, toView, type ProviderAccountView } from './provider-account.view';

@Injectable()
export class CreateProviderAccountUseCase {
  private readonly logger = new Logger(CreateProviderAccountUseCase.name);

  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly commands: IdempotentCommands,
    private readonly secrets: ProviderSecretsOpener,
  ) {}

  async execute(input: ProviderAccountCreateRequest): Promise<ProviderAccountView> {
    const orgId = asOrgId(input.organizationId);
    const provider = this.registry.get(input.type);
    const settings = input.settings ?? {};
    const secrets = { ...provider.generatedSecrets(), ...this.secrets.open(input.sealedSecrets, input.organizationId) };
    refuseInvalidConfig(provider.validateConfig(settings, secrets));
    let created = false;
    // Once per idempotency key: a retry of a request whose answer was lost gets the same account.
    const accountId = await this.commands.run(orgId, Rpc.Telephony.ProviderAccountCreate, input.idempotencyKey, async (tx) => {
      const entity = new ProviderAccountEntity();
      entity.id = uuidv7();
      entity.organizationId = orgId;
      entity.type = input.type;
      entity.name = input.name.trim();
      entity.settings = settings;
      entity.secretsSealed = this.contexts.seal(entity.id, secrets);
      entity.operatorMap = {};
      created = true;
      return (await this.accounts.save(orgId, entity, tx)).id;
    });
    const saved = await this.accounts.findOne(orgId, { id: accountId });
    if (!saved) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    const ctx = this.contexts.toContext(saved);
    if (created && isConfigurable(provider)) {
      await provider.configure(ctx).catch((e: Error) => this.logger.warn(`could not configure ${saved.id} on the provider: ${e.message}`));
    }
    return toView(saved, ctx, this.registry);
  }
}
