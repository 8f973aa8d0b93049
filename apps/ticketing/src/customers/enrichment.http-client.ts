import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Webhook } from 'standardwebhooks';
import type { OrgId } from '@santral/persistence';
import type { EnrichmentSettings } from './customer';
import { EnrichmentClient, EnrichmentSettingsPort, type EnrichmentOutcome } from './customers.port';

export interface EnrichmentTuning {
  cacheTtlMs: number;
  cacheMax: number;
  backgroundMs: number;
}
export const ENRICHMENT_TUNING = Symbol('ENRICHMENT_TUNING');

/** A replica re-reads an organization's enrichment settings this often (configure on this replica clears it at once). */
const SETTINGS_TTL_MS = 5000;
const MAX_ANSWER_BYTES = 16_384;

type Answer = Record<string, unknown>;

/**
 * Asks the business's own lookup URL about a caller (K7): a POST signed the Standard Webhooks way
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature` with the organization's `whsec_` secret, as
 * this project signs every outgoing request), answered from an LRU cache with a TTL when it can be.
 * It never holds the card: past the organization's timeout the card goes without it (`timeout`),
 * while the request runs on in the background to fill the cache for the next ring.
 */
@Injectable()
export class HttpEnrichmentClient extends EnrichmentClient {
  private readonly log = new Logger('Enrichment');
  private readonly answers: LRUCache<string, Answer>;
  private readonly inFlight = new Map<string, Promise<Answer | null>>();
  private readonly settingsCache = new LRUCache<string, { value: EnrichmentSettings | null }>({ max: 10_000, ttl: SETTINGS_TTL_MS });
  private readonly signers = new Map<string, Webhook>();

  constructor(
    private readonly settings: EnrichmentSettingsPort,
    @Inject(ENRICHMENT_TUNING) private readonly tuning: EnrichmentTuning,
  ) {
    super();
    this.answers = new LRUCache<string, Answer>({ max: tuning.cacheMax, ttl: Math.max(tuning.cacheTtlMs, 1) });
  }

  /** The organization's settings changed on this replica: forget what was cached for it. */
  forget(orgId: OrgId): void {
    this.settingsCache.delete(orgId);
    for (const key of this.answers.keys()) if (key.startsWith(`${orgId}|`)) this.answers.delete(key);
  }

  async enrich(orgId: OrgId, request: { phone: string | null; rawPhone: string; customerId: string | null }): Promise<EnrichmentOutcome> {
    const settings = await this.settingsOf(orgId);
    if (!settings?.url) return { status: 'off' };
    const key = `${orgId}|${request.phone ?? request.rawPhone}|${request.customerId ?? ''}`;
    const cached = this.tuning.cacheTtlMs > 0 ? this.answers.get(key) : undefined;
    if (cached) return { status: 'cached', data: cached };
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchAnswer(orgId, settings, request).then(
        (answer) => {
          if (answer && this.tuning.cacheTtlMs > 0) this.answers.set(key, answer);
          return answer;
        },
        () => null,
      );
      this.inFlight.set(key, pending);
      void pending.finally(() => this.inFlight.delete(key));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), settings.timeoutMs)));
    const outcome = await Promise.race([pending, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') return { status: 'timeout' };
    return outcome ? { status: 'ok', data: outcome } : { status: 'failed' };
  }

  private async settingsOf(orgId: OrgId): Promise<EnrichmentSettings | null> {
    const hit = this.settingsCache.get(orgId);
    if (hit) return hit.value;
    const value = await this.settings.get(orgId);
    this.settingsCache.set(orgId, { value });
    return value;
  }

  private async fetchAnswer(orgId: OrgId, settings: EnrichmentSettings, request: { phone: string | null; rawPhone: string; customerId: string | null }): Promise<Answer | null> {
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    const body = JSON.stringify({ type: 'screenpop.lookup', organizationId: orgId, phone: request.phone, rawPhone: request.rawPhone, customerId: request.customerId });
    try {
      const res = await fetch(settings.url!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': this.signer(settings.secret).sign(id, now, body),
        },
        body,
        signal: AbortSignal.timeout(this.tuning.backgroundMs),
      });
      const text = await res.text();
      if (!res.ok || text.length > MAX_ANSWER_BYTES) return null;
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Answer) : null;
    } catch (e) {
      this.log.debug(`enrichment of ${orgId} failed: ${(e as Error).message}`);
      return null;
    }
  }

  private signer(secret: string): Webhook {
    let signer = this.signers.get(secret);
    if (!signer) this.signers.set(secret, (signer = new Webhook(secret)));
    return signer;
  }
}
