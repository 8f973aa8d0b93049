import type { OrgId, Tx } from '@santral/persistence';
import type { Organization } from './organization';

/** Port: where organizations are stored. Every method takes the organization id. */
export abstract class OrganizationsPort {
  abstract insert(org: Organization, tx: Tx): Promise<void>;
  abstract findById(orgId: OrgId, tx?: Tx): Promise<Organization | null>;
  /** Reads and locks the row until `tx` ends, so concurrent updates apply one after the other. */
  abstract findByIdForUpdate(orgId: OrgId, tx: Tx): Promise<Organization | null>;
  abstract update(org: Organization, tx: Tx): Promise<void>;
}
