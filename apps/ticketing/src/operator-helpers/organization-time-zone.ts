import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { OrganizationSettingsRepository } from '@santral/service-kit';
import { OrganizationTimeZone } from './operator-helpers.port';

/** The time zone kept from the organization events (the service's `settings` picks it). */
@Injectable()
export class ProjectedOrganizationTimeZone extends OrganizationTimeZone {
  constructor(private readonly settings: OrganizationSettingsRepository) {
    super();
  }

  async of(orgId: OrgId): Promise<string | null> {
    const stored = await this.settings.get<{ timeZone?: string }>(orgId);
    return stored?.settings.timeZone ?? null;
  }
}
