import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { hashApiKey } from '../api-keys/api-key-secret';
import { ApiKeysPort } from '../api-keys/api-keys.port';
import { DomainError } from '@santral/contracts';
import { ApiKeyCache } from './api-key-cache';
import { bearerToken } from './bearer-token';
import type { Principal } from './principal';

/** The platform admin key (SANTRAL_ADMIN_KEY). */
export const PLATFORM_ADMIN_KEY = Symbol('PLATFORM_ADMIN_KEY');

/** Resolves `Authorization: Bearer <key>` to the platform admin or an organization's key. */
@Injectable()
export class AuthenticateUseCase {
  constructor(
    private readonly keys: ApiKeysPort,
    @Inject(PLATFORM_ADMIN_KEY) private readonly adminKey: string,
    private readonly cache: ApiKeyCache,
  ) {
    this.adminHash = Buffer.from(hashApiKey(adminKey), 'hex');
  }

  /** The admin key's digest, compared in constant time with each token's (the one hash a request needs). */
  private readonly adminHash: Buffer;

  async execute(authorization: string | string[] | undefined): Promise<Principal> {
    const token = bearerToken(authorization);
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>"');
    const hash = hashApiKey(token);
    if (timingSafeEqual(Buffer.from(hash, 'hex'), this.adminHash)) return { kind: 'platform' };
    let key = this.cache.get(hash) ?? null;
    if (!key) {
      key = await this.keys.findByHash(hash);
      if (key) this.cache.put(hash, key);
    }
    if (!key) throw new DomainError('INVALID_API_KEY', 'The API key is not valid; check that it was copied whole');
    if (key.revokedAt) {
      throw new DomainError('API_KEY_REVOKED', `The API key ${key.prefix} was revoked; create a new one`);
    }
    return { kind: 'organization', organizationId: key.organizationId, keyId: key.id, role: key.role };
  }
}
