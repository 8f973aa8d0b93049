import type { ProviderAccountContext } from '../providers/provider.port';
import type { ProviderRegistry } from '../providers/provider.registry';
import type { ProviderAccountEntity, ProviderType } from './provider-account.entity';

/** What the API returns: never the secrets, only their names. */
export interface ProviderAccountView {
  id: string;
  organizationId: string;
  type: ProviderType;
  name: string;
  settings: Record<string, unknown>;
  secretNames: string[];
  /** Paste into the provider's console (CallGear: append /handset, /endleg, /end, /recording, /legout, /callout). */
  webhookUrl: string;
  operators: Array<{ providerEmployeeId: string; userId: string }>;
  createdAt: string;
  updatedAt: string;
}

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
