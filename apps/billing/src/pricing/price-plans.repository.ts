import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { tenantQuery, tenantsQuery, type OrgId, type Tx } from '@santral/persistence';
import { DEFAULT_PRICE_PLAN, type PricePlan } from './price-plan';

/** Per-organization price plans (units); an organization without one has the default plan. */
@Injectable()
export class PricePlansRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(orgId: OrgId, tx?: Tx): Promise<PricePlan> {
    const [row] = await tenantQuery<{ plan: Partial<PricePlan> }>(tx ?? this.db.manager, orgId, `SELECT plan FROM price_plans WHERE organization_id = $1`);
    return row ? { ...DEFAULT_PRICE_PLAN, ...row.plan } : DEFAULT_PRICE_PLAN;
  }

  /** The plans of several organizations in one statement; every one of them is in the map. */
  async getMany(orgIds: readonly OrgId[], tx?: Tx): Promise<Map<OrgId, PricePlan>> {
    const rows = await tenantsQuery<{ organization_id: OrgId; plan: Partial<PricePlan> }>(
      tx ?? this.db.manager,
      orgIds,
      `SELECT organization_id, plan FROM price_plans WHERE organization_id = ANY($1::uuid[])`,
    );
    const plans = new Map<OrgId, PricePlan>(orgIds.map((o) => [o, DEFAULT_PRICE_PLAN]));
    for (const r of rows) plans.set(r.organization_id, { ...DEFAULT_PRICE_PLAN, ...r.plan });
    return plans;
  }

  async put(orgId: OrgId, plan: PricePlan, tx?: Tx): Promise<void> {
    await tenantQuery(
      tx ?? this.db.manager,
      orgId,
      `INSERT INTO price_plans (organization_id, plan) VALUES ($1, $2::jsonb)
       ON CONFLICT (organization_id) DO UPDATE SET plan = EXCLUDED.plan, updated_at = clock_timestamp()`,
      [JSON.stringify(plan)],
    );
  }
}
