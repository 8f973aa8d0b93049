import { Injectable } from '@nestjs/common';
import { OrganizationSnapshotV1, Subjects } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import type { Organization } from './organization';
import { OrganizationEventsPort } from './organization-events.port';

/** Writes gateway.organization.* into the outbox in the caller's transaction (DESIGN §2). */
@Injectable()
export class OutboxOrganizationEvents extends OrganizationEventsPort {
  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  async created(org: Organization, tx: Tx): Promise<void> {
    await this.publish(Subjects.Gateway.OrganizationCreated, org, tx);
  }

  async updated(org: Organization, tx: Tx): Promise<void> {
    await this.publish(Subjects.Gateway.OrganizationUpdated, org, tx);
  }

  private async publish(type: typeof Subjects.Gateway.OrganizationCreated | typeof Subjects.Gateway.OrganizationUpdated, org: Organization, tx: Tx): Promise<void> {
    const data: OrganizationSnapshotV1 = {
      organizationId: org.id,
      name: org.name,
      plan: org.plan,
      limits: { ...org.limits },
      defaultCountry: org.defaultCountry,
      timeZone: org.timeZone,
    };
    await this.publisher.publish(type, data, { orgid: org.id, subject: org.id, time: org.updatedAt.toISOString(), manager: tx });
  }
}
