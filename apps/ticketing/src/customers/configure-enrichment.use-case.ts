import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CUSTOMER_LIMITS, DomainError, type EnrichmentConfigureRequest, type EnrichmentReply } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { EnrichmentClient, EnrichmentSettingsPort } from './customers.port';
import { enrichmentUrlProblem } from './enrichment-url';

/** Whether an organization's lookup URL may be a private address (development and tests). */
export const ENRICHMENT_ALLOW_PRIVATE = Symbol('ENRICHMENT_ALLOW_PRIVATE');

/** A new Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Sets the organization's enrichment URL and timeout (K7). The signing secret is made here, on the
 * first configuration or when asked to rotate, and shown only in that reply (Standard Webhooks).
 */
@Injectable()
export class ConfigureEnrichmentUseCase {
  constructor(
    private readonly settings: EnrichmentSettingsPort,
    private readonly client: EnrichmentClient,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(ENRICHMENT_ALLOW_PRIVATE) private readonly allowPrivate: boolean,
  ) {}

  async execute(input: EnrichmentConfigureRequest): Promise<EnrichmentReply> {
    const orgId = asOrgId(input.organizationId);
    const problem = typeof input.url === 'string' ? enrichmentUrlProblem(input.url, this.allowPrivate) : null;
    if (problem) throw DomainError.validation([{ field: 'url', message: problem }], 'The enrichment URL is not valid');
    const reply = await this.transactions.run(async (tx) => {
      const current = await this.settings.get(orgId, tx);
      const fresh = !current || input.rotateSecret === true;
      const next = {
        url: input.url === undefined ? (current?.url ?? null) : input.url,
        timeoutMs: input.timeoutMs ?? current?.timeoutMs ?? CUSTOMER_LIMITS.enrichmentTimeout.default,
        secret: fresh ? newSigningSecret() : current.secret,
      };
      await this.settings.put(orgId, next, this.clock.now(), tx);
      return { enabled: next.url !== null, ...(next.url ? { url: next.url } : {}), timeoutMs: next.timeoutMs, ...(fresh ? { secret: next.secret } : {}) };
    });
    this.client.forget(orgId);
    return reply;
  }
}
