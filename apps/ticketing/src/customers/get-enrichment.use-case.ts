import { Injectable } from '@nestjs/common';
import { CUSTOMER_LIMITS, type EnrichmentReply, type EnrichmentRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { EnrichmentSettingsPort } from './customers.port';

/** The organization's enrichment settings without the secret. */
@Injectable()
export class GetEnrichmentUseCase {
  constructor(private readonly settings: EnrichmentSettingsPort) {}

  async execute(input: EnrichmentRequest): Promise<EnrichmentReply> {
    const s = await this.settings.get(asOrgId(input.organizationId));
    return { enabled: !!s?.url, ...(s?.url ? { url: s.url } : {}), timeoutMs: s?.timeoutMs ?? CUSTOMER_LIMITS.enrichmentTimeout.default };
  }
}
