import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, OrganizationSnapshotV1 } from '@santral/contracts';
import { asOrgId, type Tx } from '@santral/persistence';
import { OrganizationSettingsRepository } from './organization-settings.repository';

/** Picks the keys a service needs from the organization snapshot. */
export type SettingsPicker = (snapshot: OrganizationSnapshotV1) => object;
export const SETTINGS_PICKER = Symbol('SETTINGS_PICKER');

@Injectable()
export class ApplyOrganizationSettingsUseCase {
  constructor(
    private readonly repository: OrganizationSettingsRepository,
    @Inject(SETTINGS_PICKER) private readonly pick: SettingsPicker,
  ) {}

  execute(snapshot: OrganizationSnapshotV1, envelope: EventEnvelope<unknown>, manager: Tx): Promise<boolean> {
    return this.repository.applyIfNewer(asOrgId(snapshot.organizationId), this.pick(snapshot), envelope.time, envelope.id, manager);
  }
}
