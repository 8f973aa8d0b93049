import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { RequestedContactV1 } from '@santral/contracts';
import { tenantQuery, type OrgId, type Queryable } from '@santral/persistence';

export interface TaskCounts {
  pending: number;
  dialing: number;
  retryScheduled: number;
  finished: number;
  cancelled: number;
}

/** `call_tasks`: what the dispatcher claims (issue 10). */
@Injectable()
export class CallTaskRepository {
  /** Stores one task per contact; a contact already stored for the campaign is left as it is. Returns how many are new. */
  async addForCampaign(db: Queryable, orgId: OrgId, campaignId: string, batchId: string, contacts: readonly RequestedContactV1[]): Promise<number> {
    const rows = contacts.map((c) => ({
      id: uuidv7(), contact_id: c.contactId, to_number: c.to, contact_name: c.name ?? null, time_zone: c.timeZone ?? null,
      time_zone_source: c.timeZoneSource, variables: c.variables ?? {}, priority: c.priority ?? 0,
    }));
    const inserted = await tenantQuery(
      db,
      orgId,
      `INSERT INTO call_tasks (id, organization_id, campaign_id, batch_id, contact_id, to_number, contact_name, time_zone, time_zone_source, variables, priority)
       SELECT r.id, $1, $2, $3, r.contact_id, r.to_number, r.contact_name, r.time_zone, r.time_zone_source, r.variables, r.priority
         FROM jsonb_to_recordset($4::jsonb) AS r(id uuid, contact_id uuid, to_number text, contact_name text, time_zone text,
                                                   time_zone_source text, variables jsonb, priority smallint)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [campaignId, batchId, JSON.stringify(rows)],
    );
    return inserted.length;
  }

  async countsOf(db: Queryable, orgId: OrgId, campaignId: string): Promise<TaskCounts> {
    const rows = await tenantQuery<{ state: string; n: number }>(
      db,
      orgId,
      `SELECT state, count(*)::int AS n FROM call_tasks WHERE organization_id = $1 AND campaign_id = $2 GROUP BY state`,
      [campaignId],
    );
    const of = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
    return { pending: of('pending'), dialing: of('dialing'), retryScheduled: of('retry_scheduled'), finished: of('finished'), cancelled: of('cancelled') };
  }
}
