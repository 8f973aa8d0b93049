import type { OrgId } from '@santral/persistence';
import { DomainError } from '@santral/contracts';
import type { Role } from './role';

/** Who is calling: the platform admin (SANTRAL_ADMIN_KEY) or one organization's API key. */
export type Principal = PlatformPrincipal | OrganizationPrincipal;

export interface PlatformPrincipal {
  kind: 'platform';
}

export interface OrganizationPrincipal {
  kind: 'organization';
  organizationId: OrgId;
  keyId: string;
  role: Role;
}

/** The organization a request acts for; routes reachable by the platform key never call this. */
export function organizationOf(principal: Principal): OrgId {
  return organizationKey(principal).organizationId;
}

export function organizationKey(principal: Principal): OrganizationPrincipal {
  if (principal.kind !== 'organization') {
    throw new DomainError('FORBIDDEN', 'This endpoint needs an organization API key');
  }
  return principal;
}

/** Stable identity of the credential, for idempotency scoping. */
export function credentialId(principal: Principal): string {
  return principal.kind === 'platform' ? 'platform' : `key:${principal.keyId}`;
}
