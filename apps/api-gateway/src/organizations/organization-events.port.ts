import type { Tx } from '@santral/persistence';
import type { Organization } from './organization';

/**
 * Port: records `gateway.organization.created.v1` / `.updated.v1` in the caller's transaction
 * (transactional outbox, DESIGN §2), so the event exists if and only if the change committed.
 */
export abstract class OrganizationEventsPort {
  abstract created(org: Organization, tx: Tx): Promise<void>;
  abstract updated(org: Organization, tx: Tx): Promise<void>;
}
