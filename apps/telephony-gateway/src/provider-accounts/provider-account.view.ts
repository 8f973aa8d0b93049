import type { ProviderAccountReply } from '@santral/contracts';
import type { ProviderAccountContext } from '../providers/provider.port';
import type { ProviderRegistry } from '../providers/provider.registry';
import type { ProviderAccountEntity } from './provider-account.entity';

/** What the API returns (the contract's reply): never the secrets, only their names. */
export type ProviderAccountView = ProviderAccountReply;

export function toView(entity: ProviderAccountEntity, ctx: ProviderAccountContext, registry: ProviderRegistry): ProviderAccountView {
  return {
    id: entity.id,
    organizationId: entity.organizationId,
    type: entity.type,
    name: entity.name,
    settings: entity.settings,
    secretNames: Object.keys(ctx.secrets).sort(),
    webhookUrl: registry.get(entity.type).webhookUrl(ctx),
    operators: Object.entries(entity.operatorMap).map(([providerEmployeeId, userId]) => ({ providerEmployeeId, userId })),
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
