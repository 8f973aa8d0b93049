import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventEnvelope, OrganizationCreatedV1, OrganizationUpdatedV1, Subjects } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import { ApplyOrganizationSettingsUseCase } from './apply-organization-settings.use-case';

/** Keeps this service's copy of organization settings (issue: first real use of the bus). */
@Injectable()
export class OrganizationEventsConsumer {
  constructor(private readonly apply: ApplyOrganizationSettingsUseCase) {}

  @OnEvent(Subjects.Gateway.OrganizationCreated)
  async created(data: OrganizationCreatedV1, envelope: EventEnvelope<OrganizationCreatedV1>, manager: EntityManager): Promise<void> {
    await this.apply.execute(data, envelope, manager);
  }

  @OnEvent(Subjects.Gateway.OrganizationUpdated)
  async updated(data: OrganizationUpdatedV1, envelope: EventEnvelope<OrganizationUpdatedV1>, manager: EntityManager): Promise<void> {
    await this.apply.execute(data, envelope, manager);
  }
}
