import { Module } from '@nestjs/common';
import { ApiKeysHttpController } from './api-keys.http.controller';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { ListApiKeysUseCase } from './list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

/** API keys per organization (A4); the store itself lives in AuthModule. */
@Module({
  controllers: [ApiKeysHttpController],
  providers: [CreateApiKeyUseCase, ListApiKeysUseCase, RevokeApiKeyUseCase],
  exports: [CreateApiKeyUseCase],
})
export class ApiKeysModule {}
