import { Injectable } from '@nestjs/common';
import { tenantQuery, type OrgId, type Queryable } from '@santral/persistence';
import type { CampaignView } from './campaign-view';

@Injectable()
export class DialerCampaignRepository {
  /** The campaign's view, its row locked until the caller's transaction ends (facts of one campaign apply one at a time). */
  async lock(db: Queryable, orgId: OrgId, campaignId: string): Promise<CampaignView | null> {
    // The row first (JSON null until a fact is applied), so two first facts cannot both read "none".
    await tenantQuery(
      db,
      orgId,
      `INSERT INTO dialer_campaigns (campaign_id, organization_id, view) VALUES ($2, $1, 'null'::jsonb) ON CONFLICT (campaign_id) DO NOTHING`,
      [campaignId],
    );
    const [row] = await tenantQuery<{ view: CampaignView }>(
      db,
      orgId,
      `SELECT view FROM dialer_campaigns WHERE organization_id = $1 AND campaign_id = $2 FOR UPDATE`,
      [campaignId],
    );
    return row?.view ?? null;
  }

  async get(db: Queryable, orgId: OrgId, campaignId: string): Promise<CampaignView | null> {
    const [row] = await tenantQuery<{ view: CampaignView }>(db, orgId, `SELECT view FROM dialer_campaigns WHERE organization_id = $1 AND campaign_id = $2`, [campaignId]);
    return row?.view ?? null;
  }

  async save(db: Queryable, orgId: OrgId, campaignId: string, view: CampaignView): Promise<void> {
    await tenantQuery(
      db,
      orgId,
      `INSERT INTO dialer_campaigns (campaign_id, organization_id, view) VALUES ($2, $1, $3::jsonb)
       ON CONFLICT (campaign_id) DO UPDATE SET view = EXCLUDED.view, updated_at = now() WHERE dialer_campaigns.organization_id = $1`,
      [campaignId, JSON.stringify(view)],
    );
  }
}
