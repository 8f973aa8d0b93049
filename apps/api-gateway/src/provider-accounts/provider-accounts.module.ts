import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { UsersModule } from '../users/users.module';
import { ProviderAccountsHttpController } from './provider-accounts.http.controller';
import { ProviderSecretsSealer } from './provider-secrets.sealer';
import { SetOperatorMapUseCase } from './set-operator-map.use-case';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

/**
 * /v1/provider-accounts: the HTTP face of the telephony-gateway's provider accounts (DESIGN §6).
 * The controller forwards over the typed RPC client; use cases only where the gateway has rules
 * of its own (an empty patch; operators must be users of the organization).
 */
@Module({
  imports: [UsersModule],
  controllers: [ProviderAccountsHttpController],
  providers: [ServiceRpc, ProviderSecretsSealer, UpdateProviderAccountUseCase, SetOperatorMapUseCase],
})
export class ProviderAccountsModule {}
