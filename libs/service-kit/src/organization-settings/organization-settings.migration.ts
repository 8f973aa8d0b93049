import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service's projection of organization settings (plan limits, country, time zone)
 * kept from gateway.organization.* events. Each service stores only the keys it uses.
 */
export class OrganizationSettings1763900000000 implements MigrationInterface {
  name = 'OrganizationSettings1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_settings (
        organization_id uuid PRIMARY KEY,
        settings jsonb NOT NULL,
        event_time timestamptz NOT NULL,
        event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organization_settings');
  }
}
