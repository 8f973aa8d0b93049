import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { CreateProviderAccountUseCase } from './create-provider-account.use-case';
import { GetProviderAccountUseCase } from './get-provider-account.use-case';
import { ListProviderAccountsUseCase } from './list-provider-accounts.use-case';
import { NatsProviderAccounts } from './nats-provider-accounts.adapter';
import { ProviderAccountsHttpController } from './provider-accounts.http.controller';
import { ProviderAccountsPort } from './provider-accounts.port';
import { SetOperatorMapUseCase } from './set-operator-map.use-case';
import { TestProviderAccountUseCase } from './test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

/** /v1/provider-accounts: the HTTP face of the telephony-gateway's provider accounts (DESIGN §6). */
@Module({
  imports: [UsersModule],
  controllers: [ProviderAccountsHttpController],
  providers: [
    { provide: ProviderAccountsPort, useClass: NatsProviderAccounts },
    CreateProviderAccountUseCase,
    ListProviderAccountsUseCase,
    GetProviderAccountUseCase,
    UpdateProviderAccountUseCase,
    TestProviderAccountUseCase,
    SetOperatorMapUseCase,
  ],
})
export class ProviderAccountsModule {}
