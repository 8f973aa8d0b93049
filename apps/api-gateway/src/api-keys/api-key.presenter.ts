import type { ApiKey, CreatedApiKey } from './api-key';
import type { ApiKeyCreatedDto, ApiKeyDto } from './api-key.dto';

export function toApiKeyDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}

export function toApiKeyCreatedDto(created: CreatedApiKey): ApiKeyCreatedDto {
  return { ...toApiKeyDto(created.apiKey), key: created.plaintext };
}
