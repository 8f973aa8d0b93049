import type { ProviderAccountReply } from '@santral/contracts';
import type { ProviderAccountContext } from '../providers/provider.port';
import type { ProviderRegistry } from '../providers/provider.registry';
import type { ProviderAccountEntity } from './provider-account.entity';
import { TelephonyError } from '../shared/telephony.error';

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

/** A provider's own rules on settings and secrets (the contracts class checked the shape already). */
export function refuseInvalidConfig(problems: string[]): void {
  if (problems.length === 0) return;
  const errors = problems.map((p) => ({ field: p.split(' ')[0] ?? '', message: p }));
  throw new TelephonyError('VALIDATION_FAILED', problems.join('; '), { errors });
}
