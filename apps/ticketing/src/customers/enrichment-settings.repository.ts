import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import type { EnrichmentSettings } from './customer';
import { EnrichmentSettingsPort } from './customers.port';

@Injectable()
export class EnrichmentSettingsRepository extends EnrichmentSettingsPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async get(orgId: OrgId, tx?: Tx): Promise<EnrichmentSettings | null> {
    const rows = await tenantQuery<{ url: string | null; secret: string; timeout_ms: number }>(
      tx ?? this.db,
      orgId,
      `SELECT url, secret, timeout_ms FROM enrichment_settings WHERE organization_id = $1`,
    );
    return rows[0] ? { url: rows[0].url, secret: rows[0].secret, timeoutMs: rows[0].timeout_ms } : null;
  }

  async put(orgId: OrgId, s: EnrichmentSettings, at: Date, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `INSERT INTO enrichment_settings (organization_id, url, secret, timeout_ms, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, timeout_ms = EXCLUDED.timeout_ms, updated_at = EXCLUDED.updated_at`,
      [s.url, s.secret, s.timeoutMs, at],
    );
  }
}
