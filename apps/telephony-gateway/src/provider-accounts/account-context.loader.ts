import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import type { ProviderAccountContext } from '../providers/provider.port';
import { SecretBox } from '../shared/secret-box';
import { ProviderAccountEntity } from './provider-account.entity';
import { ProviderAccountRepository } from './provider-account.repository';

const CACHE_TTL_MS = 5000;

interface CacheEntry {
  at: number;
  ctx: Promise<ProviderAccountContext | null>;
  /** The lookup finished (an entry can serve stale only then). */
  settled: boolean;
  /** A refresh of this (stale) entry is under way. */
  refreshing: boolean;
}

/**
 * Turns a stored account into what adapters need (decrypted secrets, webhook URL).
 * Webhook ingest reads accounts through a short cache: thousands of webhooks per second
 * must not each decrypt and query.
 */
@Injectable()
export class AccountContextLoader {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly accounts: ProviderAccountRepository,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {
    this.box = new SecretBox(config.SECRETS_KEY);
  }

  seal(accountId: string, secrets: Record<string, string>): string {
    return this.box.seal(secrets, accountId);
  }

  open(entity: ProviderAccountEntity): Record<string, string> {
    return this.box.open(entity.secretsSealed, entity.id);
  }

  toContext(entity: ProviderAccountEntity): ProviderAccountContext {
    const secrets = this.open(entity);
    const token = entity.type === 'callgear' && secrets.webhookToken ? `/${secrets.webhookToken}` : '';
    return {
      id: entity.id,
      organizationId: entity.organizationId,
      type: entity.type,
      settings: entity.settings,
      secrets,
      operatorMap: entity.operatorMap,
      webhookBaseUrl: `${this.config.PUBLIC_BASE_URL}/webhooks/${entity.type}/${entity.id}${token}`,
    };
  }

  /**
   * One lookup per account per TTL however many webhooks arrive meanwhile: the pending
   * lookup is what is cached (without that, every webhook in flight when the entry expires
   * queried the database and held a pooled connection). Past the TTL the last answer keeps
   * serving while one refresh runs, so no webhook waits for it; an account changed in this
   * process is invalidated at once (others see it within the TTL). A failed lookup is not
   * cached, and a failed refresh keeps the last answer until the next try.
   */
  forWebhook(accountId: string): Promise<ProviderAccountContext | null> {
    const hit = this.cache.get(accountId);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.ctx;
    if (hit?.settled) {
      this.refresh(accountId, hit);
      return hit.ctx;
    }
    return this.refresh(accountId, undefined).ctx;
  }

  private refresh(accountId: string, stale: CacheEntry | undefined): CacheEntry {
    if (stale?.refreshing) return stale;
    if (this.cache.size > 10_000) this.cache.clear();
    const ctx = this.accounts.findForWebhook(accountId).then((entity) => (entity ? this.toContext(entity) : null));
    const entry: CacheEntry = { at: Date.now(), ctx, settled: false, refreshing: false };
    if (stale) stale.refreshing = true;
    else this.cache.set(accountId, entry);
    ctx.then(
      () => {
        entry.settled = true;
        if (!stale || this.cache.get(accountId) === stale) this.cache.set(accountId, entry);
      },
      () => {
        if (stale) stale.refreshing = false;
        else if (this.cache.get(accountId) === entry) this.cache.delete(accountId);
      },
    );
    return entry;
  }

  invalidate(accountId: string): void {
    this.cache.delete(accountId);
  }
}
