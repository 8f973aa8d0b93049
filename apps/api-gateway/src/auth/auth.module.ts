import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SERVICE_CONFIG } from '@santral/service-kit';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { ApiKeyRepository } from '../api-keys/api-key.repository';
import { ApiKeysPort } from '../api-keys/api-keys.port';
import type { GatewayConfig } from '../config';
import { ApiKeyCache } from './api-key-cache';
import { AuthenticateUseCase, PLATFORM_ADMIN_KEY } from './authenticate.use-case';
import { AuthenticationGuard } from './authentication.guard';
import { RolesGuard } from './roles.guard';

/**
 * Global: @Roles() guards on any controller resolve their dependencies here. Owns the
 * API-key store because authentication is its first reader.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  providers: [
    ApiKeyRepository,
    { provide: ApiKeysPort, useExisting: ApiKeyRepository },
    { provide: PLATFORM_ADMIN_KEY, useFactory: (config: GatewayConfig) => config.SANTRAL_ADMIN_KEY, inject: [SERVICE_CONFIG] },
    { provide: ApiKeyCache, useFactory: (config: GatewayConfig, clock: Clock) => new ApiKeyCache(config.API_KEY_CACHE_TTL_MS, clock), inject: [SERVICE_CONFIG, Clock] },
    AuthenticateUseCase,
    AuthenticationGuard,
    RolesGuard,
  ],
  exports: [ApiKeysPort, ApiKeyCache, AuthenticateUseCase, AuthenticationGuard, RolesGuard],
})
export class AuthModule {}
