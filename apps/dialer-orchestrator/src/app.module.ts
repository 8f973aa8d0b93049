import { DynamicModule, Module } from '@nestjs/common';
import { OrganizationSettingsModule, ServiceKitModule } from '@santral/service-kit';
import { DialerConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { PingMessagesController } from './health/ping.messages.controller';
import { pickDialerSettings } from './settings/dialer-settings';
import { GetDialerSettingsUseCase } from './settings/get-dialer-settings.use-case';
import { SettingsMessagesController } from './settings/settings.messages.controller';

export const SERVICE_NAME = 'dialer-orchestrator';

@Module({})
export class AppModule {
  static register(config: DialerConfig): DynamicModule {
    const events = { subjectPrefix: config.SUBJECT_PREFIX, fast: config.NODE_ENV === 'test' };
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ service: SERVICE_NAME, config, entities, migrations, events }),
        OrganizationSettingsModule.forService(pickDialerSettings),
      ],
      controllers: [PingMessagesController, SettingsMessagesController],
      providers: [GetDialerSettingsUseCase],
    };
  }
}
