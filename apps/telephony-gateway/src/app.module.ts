import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@santral/service-kit';
import { TelephonyConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { PingMessagesController } from './health/ping.messages.controller';
import { SERVICE_NAME, TelephonyModule } from './telephony.module';

export { SERVICE_NAME };

@Module({})
export class AppModule {
  static register(config: TelephonyConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forService({ service: SERVICE_NAME, config, entities, migrations }), TelephonyModule.register(config)],
      controllers: [PingMessagesController],
    };
  }
}
