import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import type { ProviderAccountContext } from '../providers/provider.port';
import { SecretBox } from '../shared/secret-box';
import { ProviderAccountEntity } from './provider-account.entity';
import { ProviderAccountRepository } from './provider-account.repository';

const CACHE_TTL_MS = 5000;

/**
 * Turns a stored account into what adapters need (decrypted secrets, webhook URL).
 * Webhook ingest reads accounts through a short cache: thousands of webhooks per second
 * must not each decrypt and query.
 */
@Injectable()
export class AccountContextLoader {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, { at: number; ctx: Promise<ProviderAccountContext | null> }>();

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
   * queried the database and held a pooled connection). A failed lookup is not cached.
   */
  forWebhook(accountId: string): Promise<ProviderAccountContext | null> {
    const hit = this.cache.get(accountId);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.ctx;
    if (this.cache.size > 10_000) this.cache.clear();
    const ctx = this.accounts.findForWebhook(accountId).then((entity) => (entity ? this.toContext(entity) : null));
    const entry = { at: Date.now(), ctx };
    this.cache.set(accountId, entry);
    ctx.catch(() => {
      if (this.cache.get(accountId) === entry) this.cache.delete(accountId);
    });
    return ctx;
  }

  invalidate(accountId: string): void {
    this.cache.delete(accountId);
  }
}
