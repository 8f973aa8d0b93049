import { Injectable } from '@nestjs/common';
import { DialerSettingsReply, DomainError } from '@santral/contracts';
import { OrgId } from '@santral/persistence';
import { OrganizationSettingsRepository } from '@santral/service-kit';
import { DialerOrganizationSettings } from './dialer-settings';

@Injectable()
export class GetDialerSettingsUseCase {
  constructor(private readonly settings: OrganizationSettingsRepository) {}

  async execute(orgId: OrgId): Promise<DialerSettingsReply> {
    const stored = await this.settings.get<DialerOrganizationSettings>(orgId);
    if (!stored) throw new DomainError('NOT_FOUND', 'The dialer has no settings for this organization (yet)');
    // No call is placed by the dialer yet, so none is active.
    const { concurrentSlots, reservedInboundSlots, callsPerHour } = stored.settings;
    return { organizationId: orgId, concurrentSlots, reservedInboundSlots, callsPerHour, activeCalls: 0 };
  }
}
