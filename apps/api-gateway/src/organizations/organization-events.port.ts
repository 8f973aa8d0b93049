import { Injectable } from '@nestjs/common';
import type { Tx } from '../common/transaction-runner';
import type { Organization } from './organization';

/**
 * Port: records `gateway.organization.created.v1` / `.updated.v1` in the caller's transaction
 * (transactional outbox, DESIGN §2), so the event exists if and only if the change committed.
 */
export abstract class OrganizationEventsPort {
  abstract created(org: Organization, tx: Tx): Promise<void>;
  abstract updated(org: Organization, tx: Tx): Promise<void>;
}

/**
 * PENDING(lead): bound until the libs/messaging outbox publisher is wired; it publishes
 * nothing. Replace the OrganizationEventsPort binding in organizations.module.ts.
 */
@Injectable()
export class OutboxNotWiredOrganizationEvents extends OrganizationEventsPort {
  async created(): Promise<void> {}

  async updated(): Promise<void> {}
}
