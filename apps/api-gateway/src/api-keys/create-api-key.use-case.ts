import { Injectable } from '@nestjs/common';
import type { OrgId, Tx } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../auth/role';
import { Clock } from '@santral/service-kit';
import type { CreatedApiKey } from './api-key';
import { generateApiKey } from './api-key-secret';
import { ApiKeysPort } from './api-keys.port';

export interface CreateApiKeyInput {
  name: string;
  role: Role;
}

/** Issues an API key for one organization; only its hash is stored (A4). */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeysPort,
    private readonly clock: Clock,
  ) {}

  /** `tx`: join the caller's transaction (creating an organization with its first key). */
  async execute(orgId: OrgId, input: CreateApiKeyInput, tx?: Tx): Promise<CreatedApiKey> {
    const secret = generateApiKey();
    const apiKey = {
      id: uuidv7(),
      organizationId: orgId,
      name: input.name,
      role: input.role,
      prefix: secret.prefix,
      createdAt: this.clock.now(),
      revokedAt: null,
    };
    await this.keys.add(orgId, { ...apiKey, keyHash: secret.hash }, tx);
    return { apiKey, plaintext: secret.plaintext };
  }
}
