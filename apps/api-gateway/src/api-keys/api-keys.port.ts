import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import type { ApiKey } from './api-key';

/** Port: where API keys are stored. Every method but the auth lookup takes the organization id. */
export abstract class ApiKeysPort {
  abstract add(orgId: OrgId, key: ApiKey & { keyHash: string }, tx?: Tx): Promise<void>;
  abstract getById(orgId: OrgId, id: string, tx?: Tx): Promise<ApiKey | null>;
  /** One page, newest first: (created_at DESC, id DESC). */
  abstract listPage(orgId: OrgId, page: PageRequest): Promise<Page<ApiKey>>;
  /** Ids of the active admin keys, locked until `tx` ends. */
  abstract lockActiveAdminIds(orgId: OrgId, tx: Tx): Promise<string[]>;
  /** Sets revoked_at unless already revoked. */
  abstract markRevoked(orgId: OrgId, id: string, at: Date, tx: Tx): Promise<void>;
  /**
   * The auth boundary's lookup: the key's hash is what tells us its organization, so this
   * is the one query that cannot be scoped by one.
   */
  abstract findByHash(keyHash: string): Promise<ApiKey | null>;
}
