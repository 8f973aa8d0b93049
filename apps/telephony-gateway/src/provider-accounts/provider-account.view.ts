import type { ProviderAccountReply } from '@santral/contracts';
import type { ProviderAccountContext } from '../providers/provider.port';
import type { ProviderRegistry } from '../providers/provider.registry';
import type { ProviderAccountEntity } from './provider-account.entity';
import { TelephonyError } from '../shared/telephony.error';

/** What the API returns (the contract's reply): never the secrets, only their names. */
export type ProviderAccountView = ProviderAccountReply;

/** What stands for a secret in `maskedWebhookUrl`. */
export const SECRET_MASK = '********';

/**
 * Names of the account's secrets that its webhook URL carries as a whole path segment (CallGear's
 * path token). Whole segments only: a short secret that happens to occur inside the host or a
 * word of the path is not carried by the URL.
 */
export function secretsInUrl(url: string, secrets: Record<string, string>): string[] {
  const segments = new Set(pathSegments(url));
  return Object.keys(secrets).filter((name) => !!secrets[name] && segments.has(secrets[name]!)).sort();
}

/** The URL with every path segment that is one of the secrets replaced by SECRET_MASK. */
export function maskSecrets(url: string, secrets: Record<string, string>): string {
  const values = new Set(secretsInUrl(url, secrets).map((name) => secrets[name]!));
  if (values.size === 0) return url;
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.split('/').map((seg) => (values.has(decode(seg)) ? SECRET_MASK : seg)).join('/');
  return parsed.toString();
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function pathSegments(url: string): string[] {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).map(decode);
  } catch {
    return [];
  }
}

export function toView(entity: ProviderAccountEntity, ctx: ProviderAccountContext, registry: ProviderRegistry): ProviderAccountView {
  const webhookUrl = registry.get(entity.type).webhookUrl(ctx);
  return {
    id: entity.id,
    organizationId: entity.organizationId,
    type: entity.type,
    name: entity.name,
    settings: entity.settings,
    secretNames: Object.keys(ctx.secrets).sort(),
    webhookUrl,
    maskedWebhookUrl: maskSecrets(webhookUrl, ctx.secrets),
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
