import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import { DEFAULT_PRICE_PLAN, type PricePlan } from './price-plan';

/** Per-organization price plans (units); an organization without one has the default plan. */
@Injectable()
export class PricePlansRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(orgId: OrgId, tx?: Tx): Promise<PricePlan> {
    const [row] = await tenantQuery<{ plan: Partial<PricePlan> }>(tx ?? this.db.manager, orgId, `SELECT plan FROM price_plans WHERE organization_id = $1`);
    return row ? { ...DEFAULT_PRICE_PLAN, ...row.plan } : DEFAULT_PRICE_PLAN;
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
