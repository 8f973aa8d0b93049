import { Injectable } from '@nestjs/common';
import { type OrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { DomainError } from '@santral/contracts';
import { ApiKeyCache } from '../auth/api-key-cache';
import { ApiKeysPort } from './api-keys.port';

/**
 * Revokes a key of the caller's organization (idempotent). Another organization's key is
 * NOT_FOUND, never FORBIDDEN (A1). The last active admin key cannot be revoked: nobody
 * could manage the organization's keys any more.
 */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeysPort,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly cache: ApiKeyCache,
  ) {}

  async execute(orgId: OrgId, keyId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const key = await this.keys.getById(orgId, keyId, tx);
      if (!key) throw new DomainError('NOT_FOUND', `API key ${keyId} not found`);
      if (key.revokedAt) return;
      if (key.role === 'admin') {
        // Locking the active admin keys serializes two revokes racing for the last two.
        const admins = await this.keys.lockActiveAdminIds(orgId, tx);
        if (admins.length === 1 && admins[0] === key.id) {
          throw new DomainError('CONFLICT', 'The last active admin key cannot be revoked; create another admin key first');
        }
      }
      await this.keys.markRevoked(orgId, keyId, this.clock.now(), tx);
    });
    // Committed: this replica refuses the key from now on (the others within API_KEY_CACHE_TTL_MS).
    this.cache.forget(keyId);
  }
}
