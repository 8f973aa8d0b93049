import { MigrationInterface, QueryRunner } from 'typeorm';

/** The dialer's view of each campaign (state and dial plan), kept from campaign.campaign.* facts. */
export class DialerCampaigns1764520000000 implements MigrationInterface {
  name = 'DialerCampaigns1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dialer_campaigns (
        campaign_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        view jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dialer_campaigns_org_idx ON dialer_campaigns (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dialer_campaigns`);
  }
}
