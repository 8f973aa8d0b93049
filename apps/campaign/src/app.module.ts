import { DynamicModule, Module } from '@nestjs/common';
import { OrganizationSettingsModule, ServiceKitModule } from '@santral/service-kit';
import { CampaignConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { PingMessagesController } from './health/ping.messages.controller';

export const SERVICE_NAME = 'campaign';

@Module({})
export class AppModule {
  static register(config: CampaignConfig): DynamicModule {
    const events = { subjectPrefix: config.SUBJECT_PREFIX, fast: config.NODE_ENV === 'test' };
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ service: SERVICE_NAME, config, entities, migrations, events }),
        OrganizationSettingsModule.forService((s) => ({ defaultCountry: s.defaultCountry, timeZone: s.timeZone })),
      ],
      controllers: [PingMessagesController],
      providers: [],
    };
  }
}
