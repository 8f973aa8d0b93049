import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@santral/service-kit';
import { BillingConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { PingMessagesController } from './health/ping.messages.controller';

export const SERVICE_NAME = 'billing';

@Module({})
export class AppModule {
  static register(config: BillingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forService({ service: SERVICE_NAME, config, entities, migrations })],
      controllers: [PingMessagesController],
    };
  }
}
