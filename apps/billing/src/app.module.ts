import { DynamicModule, Module } from '@nestjs/common';
import { OrganizationSettingsModule, ServiceKitModule } from '@santral/service-kit';
import { BillingConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { PingMessagesController } from './health/ping.messages.controller';

export const SERVICE_NAME = 'billing';

@Module({})
export class AppModule {
  static register(config: BillingConfig): DynamicModule {
    const events = { subjectPrefix: config.SUBJECT_PREFIX, fast: config.NODE_ENV === 'test' };
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ service: SERVICE_NAME, config, entities, migrations, events }),
        OrganizationSettingsModule.forService((s) => ({ minCreditsToStart: s.limits.minCreditsToStart })),
      ],
      controllers: [PingMessagesController],
      providers: [],
    };
  }
}
