import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { OrganizationSettingsRepository } from '@santral/service-kit';
import { OrganizationCountry } from './call-lists.port';

@Injectable()
export class ProjectedOrganizationCountry extends OrganizationCountry {
  constructor(private readonly settings: OrganizationSettingsRepository) {
    super();
  }

  async of(orgId: OrgId): Promise<string | null> {
    const stored = await this.settings.get<{ defaultCountry?: string }>(orgId);
    return stored?.settings.defaultCountry ?? null;
  }
}
