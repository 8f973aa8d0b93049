import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { OrgId, Tx } from '@santral/persistence';
import { OrganizationSettingsRepository } from '@santral/service-kit';
import { OrganizationCountry } from './customers.port';

/** Seconds a replica keeps an organization's country: the screen-pop reads it on every lookup. */
const COUNTRY_TTL_MS = 5000;

@Injectable()
export class ProjectedOrganizationCountry extends OrganizationCountry {
  private readonly cache = new LRUCache<string, string>({ max: 10_000, ttl: COUNTRY_TTL_MS });

  constructor(private readonly settings: OrganizationSettingsRepository) {
    super();
  }

  async of(orgId: OrgId, tx?: Tx): Promise<string | null> {
    const cached = this.cache.get(orgId);
    if (cached !== undefined) return cached;
    const stored = await this.settings.get<{ defaultCountry?: string }>(orgId, tx);
    const country = stored?.settings.defaultCountry ?? null;
    if (country !== null) this.cache.set(orgId, country);
    return country;
  }
}
