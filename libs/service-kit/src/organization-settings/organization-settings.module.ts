import { DynamicModule, Module } from '@nestjs/common';
import { ApplyOrganizationSettingsUseCase, SETTINGS_PICKER, SettingsPicker } from './apply-organization-settings.use-case';
import { OrganizationEventsConsumer } from './organization-events.consumer';
import { OrganizationSettingsRepository } from './organization-settings.repository';

/**
 * A service's projection of gateway.organization.* events. Needs the service kit with
 * `events` on and `OrganizationSettings1763900000000` in the service's migrations.
 */
@Module({})
export class OrganizationSettingsModule {
  static forService(pick: SettingsPicker): DynamicModule {
    return {
      module: OrganizationSettingsModule,
      providers: [
        { provide: SETTINGS_PICKER, useValue: pick },
        OrganizationSettingsRepository,
        ApplyOrganizationSettingsUseCase,
        OrganizationEventsConsumer,
      ],
      exports: [OrganizationSettingsRepository],
    };
  }
}
