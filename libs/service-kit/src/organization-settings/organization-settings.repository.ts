import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { tenantsQuery, type OrgId } from '@santral/persistence';

export interface StoredSettings<T> {
  settings: T;
  eventTime: Date;
}

@Injectable()
export class OrganizationSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async get<T>(orgId: OrgId, manager: EntityManager = this.dataSource.manager): Promise<StoredSettings<T> | null> {
    const rows: Array<{ settings: T; event_time: Date }> = await manager.query(
      'SELECT settings, event_time FROM organization_settings WHERE organization_id = $1',
      [orgId],
    );
    return rows[0] ? { settings: rows[0].settings, eventTime: rows[0].event_time } : null;
  }

  /** The settings of several organizations in one statement; an organization without any is absent. */
  async getMany<T>(orgIds: readonly OrgId[], manager: EntityManager = this.dataSource.manager): Promise<Map<OrgId, StoredSettings<T>>> {
    const rows = await tenantsQuery<{ organization_id: OrgId; settings: T; event_time: Date }>(
      manager,
      orgIds,
      'SELECT organization_id, settings, event_time FROM organization_settings WHERE organization_id = ANY($1::uuid[])',
    );
    return new Map(rows.map((r) => [r.organization_id, { settings: r.settings, eventTime: r.event_time }]));
  }

  /**
   * Upserts unless the stored snapshot is newer: events may arrive out of order, and
   * the latest fact (by event time, then UUIDv7 id) wins. Returns whether it applied.
   */
  async applyIfNewer<T>(orgId: OrgId, settings: T, eventTime: string, eventId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO organization_settings (organization_id, settings, event_time, event_id)
       VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (organization_id) DO UPDATE
         SET settings = EXCLUDED.settings, event_time = EXCLUDED.event_time,
             event_id = EXCLUDED.event_id, updated_at = now()
         WHERE (organization_settings.event_time, organization_settings.event_id) < (EXCLUDED.event_time, EXCLUDED.event_id)
       RETURNING organization_id`,
      [orgId, JSON.stringify(settings), eventTime, eventId],
    );
    return rows.length > 0;
  }
}
