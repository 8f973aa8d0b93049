import { LRUCache } from 'lru-cache';
import type { Clock } from '@santral/service-kit';
import type { ApiKey } from '../api-keys/api-key';

/**
 * The organization keys this replica authenticated in the last `ttlMs`, by their hash: a request
 * with a key seen moments ago skips the key's database read (bench/lookup.ts: that read was about
 * a tenth of the gateway's CPU per request and a statement of Postgres). Only keys that were valid
 * are kept. A key revoked through this replica is forgotten at once; another replica refuses it
 * once its entry is `ttlMs` old (API_KEY_CACHE_TTL_MS, 0: never kept).
 */
export class ApiKeyCache {
  private readonly entries: LRUCache<string, { key: ApiKey; at: number }>;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
    max = 10_000,
  ) {
    this.entries = new LRUCache({ max });
  }

  get(keyHash: string): ApiKey | undefined {
    const hit = this.entries.get(keyHash);
    if (!hit) return undefined;
    if (this.clock.now().getTime() - hit.at < this.ttlMs) return hit.key;
    this.entries.delete(keyHash);
    return undefined;
  }

  put(keyHash: string, key: ApiKey): void {
    if (this.ttlMs > 0 && !key.revokedAt) this.entries.set(keyHash, { key, at: this.clock.now().getTime() });
  }

  /** The key was revoked: this replica stops accepting it now. */
  forget(keyId: string): void {
    for (const [hash, hit] of this.entries.entries()) if (hit.key.id === keyId) this.entries.delete(hash);
  }
}
