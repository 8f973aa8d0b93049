import type { OrgId } from '@santral/persistence';
import type {
  ProviderAccountCreateRequest,
  ProviderAccountPageReply,
  ProviderAccountReply,
  ProviderAccountTestReply,
  ProviderAccountUpdateRequest,
  ProviderOperatorMapping,
} from '@santral/contracts';

export type NewProviderAccount = Omit<ProviderAccountCreateRequest, 'organizationId'>;
export type ProviderAccountPatch = Omit<ProviderAccountUpdateRequest, 'organizationId' | 'id'>;
export type ProviderAccount = ProviderAccountReply;
export type ProviderAccountPage = ProviderAccountPageReply;
export type CredentialsCheck = ProviderAccountTestReply;
export type OperatorMapping = ProviderOperatorMapping;

export interface ProviderAccountPageRequest {
  limit: number;
  cursor?: string;
}

/**
 * Port: provider accounts are the telephony-gateway's (it holds the secrets); every call is
 * scoped to the caller's organization and fails with that service's stable codes.
 */
export abstract class ProviderAccountsPort {
  abstract create(orgId: OrgId, input: NewProviderAccount): Promise<ProviderAccount>;
  abstract list(orgId: OrgId, page: ProviderAccountPageRequest): Promise<ProviderAccountPage>;
  abstract get(orgId: OrgId, id: string): Promise<ProviderAccount>;
  abstract update(orgId: OrgId, id: string, patch: ProviderAccountPatch): Promise<ProviderAccount>;
  abstract test(orgId: OrgId, id: string): Promise<CredentialsCheck>;
  /** Replaces the account's whole operator map. */
  abstract setOperators(orgId: OrgId, id: string, operators: OperatorMapping[]): Promise<ProviderAccount>;
}
