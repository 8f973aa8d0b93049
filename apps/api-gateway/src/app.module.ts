import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { createValidationPipe, ProblemDetailsFilter, ServiceKitModule } from '@santral/service-kit';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './common/core.module';
import { GatewayConfig } from './config';
import { entities } from './entities';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { migrations } from './migrations';
import { OrganizationsModule } from './organizations/organizations.module';
import { PhoneNumbersModule } from './phone-numbers/phone-numbers.module';
import { ProviderAccountsModule } from './provider-accounts/provider-accounts.module';
import { UsersModule } from './users/users.module';

export const SERVICE_NAME = 'api-gateway';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    const events = { subjectPrefix: config.SUBJECT_PREFIX, fast: config.NODE_ENV === 'test' };
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ service: SERVICE_NAME, config, entities, migrations, events }),
        CoreModule,
        AuthModule,
        IdempotencyModule,
        OrganizationsModule,
        ApiKeysModule,
        UsersModule,
        PhoneNumbersModule,
        ProviderAccountsModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
