import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, tenantQuery, type OrgId, type Page, type Tx } from '@santral/persistence';
import { DomainError, type CallingWindowV1, type CampaignCompletionReason, type CampaignPauseReason, type CampaignState, type RetryPolicyV1 } from '@santral/contracts';
import type { Campaign } from './campaign';
import { CampaignsPort, type CampaignRef } from './campaigns.port';

interface Row {
  id: string; organization_id: string; name: string; agent_id: string; call_list_id: string; state: CampaignState;
  pause_reason: CampaignPauseReason | null; completion_reason: CampaignCompletionReason | null; from_number: string | null; provider_account_id: string | null;
  starts_at: Date; ends_at: Date; calling_windows: CallingWindowV1[]; default_time_zone: string | null; retry_policy: RetryPolicyV1;
  calls_per_hour: number | null; ring_timeout_seconds: number; max_call_seconds: number | null; restricted_dates: string[]; sample_size: number | null;
  release_after: string | null; release_limit: number | null; requested: number; release_done: boolean;
  created_at: Date; updated_at: Date; started_at: Date | null; finished_at: Date | null; cursor_at?: string;
}

const toCampaign = (r: Row): Campaign => ({
  id: r.id, organizationId: r.organization_id, name: r.name, agentId: r.agent_id, callListId: r.call_list_id, state: r.state,
  pauseReason: r.pause_reason, completionReason: r.completion_reason, fromNumber: r.from_number, providerAccountId: r.provider_account_id,
  startsAt: r.starts_at, endsAt: r.ends_at, callingWindows: r.calling_windows, defaultTimeZone: r.default_time_zone, retryPolicy: r.retry_policy,
  callsPerHour: r.calls_per_hour, ringTimeoutSeconds: r.ring_timeout_seconds, maxCallSeconds: r.max_call_seconds, restrictedDates: r.restricted_dates,
  sampleSize: r.sample_size, release: { after: r.release_after, limit: r.release_limit, requested: r.requested, done: r.release_done },
  createdAt: r.created_at, updatedAt: r.updated_at, startedAt: r.started_at, finishedAt: r.finished_at,
});

const COLUMNS = [
  'id', 'name', 'agent_id', 'call_list_id', 'state', 'pause_reason', 'completion_reason', 'from_number', 'provider_account_id', 'starts_at', 'ends_at',
  'calling_windows', 'default_time_zone', 'retry_policy', 'calls_per_hour', 'ring_timeout_seconds', 'max_call_seconds', 'restricted_dates', 'sample_size',
  'release_after', 'release_limit', 'requested', 'release_done', 'created_at', 'updated_at', 'started_at', 'finished_at',
];
const SELECT = `SELECT organization_id, ${COLUMNS.join(', ')} FROM campaigns`;

function values(c: Campaign): unknown[] {
  return [
    c.id, c.name, c.agentId, c.callListId, c.state, c.pauseReason, c.completionReason, c.fromNumber, c.providerAccountId, c.startsAt, c.endsAt,
    JSON.stringify(c.callingWindows), c.defaultTimeZone, JSON.stringify(c.retryPolicy), c.callsPerHour, c.ringTimeoutSeconds, c.maxCallSeconds, c.restrictedDates, c.sampleSize,
    c.release.after, c.release.limit, c.release.requested, c.release.done, c.createdAt, c.updatedAt, c.startedAt, c.finishedAt,
  ];
}

@Injectable()
export class CampaignRepository extends CampaignsPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async insert(c: Campaign, tx: Tx): Promise<void> {
    const placeholders = COLUMNS.map((_, i) => `$${i + 2}`).join(', ');
    await tenantQuery(tx, c.organizationId as OrgId, `INSERT INTO campaigns (organization_id, ${COLUMNS.join(', ')}) VALUES ($1, ${placeholders})`, values(c));
  }

  async update(c: Campaign, tx: Tx): Promise<void> {
    const sets = COLUMNS.slice(1).map((col, i) => `${col} = $${i + 3}`).join(', ');
    await tenantQuery(tx, c.organizationId as OrgId, `UPDATE campaigns SET ${sets} WHERE organization_id = $1 AND id = $2`, values(c));
  }

  async findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Campaign | null> {
    const rows = await tenantQuery<Row>(tx, orgId, `${SELECT} WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [id]);
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async find(orgId: OrgId, id: string): Promise<Campaign | null> {
    const rows = await tenantQuery<Row>(this.db, orgId, `${SELECT} WHERE organization_id = $1 AND id = $2`, [id]);
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async page(orgId: OrgId, limit: number, cursor: string | undefined): Promise<Page<Campaign>> {
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) throw new DomainError('INVALID_CURSOR', 'The cursor is not one this list gave');
    const rows = await tenantQuery<Row>(
      this.db,
      orgId,
      `SELECT organization_id, ${COLUMNS.join(', ')}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at FROM campaigns
        WHERE organization_id = $1 ${after ? 'AND (created_at, id) < ($3::timestamptz, $4::uuid)' : ''} ORDER BY created_at DESC, id DESC LIMIT $2`,
      after ? [limit + 1, after.createdAt, after.id] : [limit + 1],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toCampaign), nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.cursor_at!, id: last.id }) : null };
  }

  async activeForUpdate(orgId: OrgId, tx: Tx): Promise<Campaign[]> {
    const rows = await tenantQuery<Row>(tx, orgId, `${SELECT} WHERE organization_id = $1 AND state = 'active' ORDER BY id FOR UPDATE`, []);
    return rows.map(toCampaign);
  }

  /** Platform sweep (the release job serves every organization). */
  async releasing(limit: number): Promise<CampaignRef[]> {
    const rows = (await this.db.query(`SELECT organization_id, id FROM campaigns WHERE NOT release_done AND state = 'active' ORDER BY updated_at LIMIT $1`, [limit])) as Array<{ organization_id: string; id: string }>;
    return rows.map((r) => ({ organizationId: r.organization_id as OrgId, campaignId: r.id }));
  }

  /** Platform sweep (the end-date job serves every organization). */
  async pastTheirEnd(now: Date, limit: number): Promise<CampaignRef[]> {
    const rows = (await this.db.query(`SELECT organization_id, id FROM campaigns WHERE state IN ('scheduled', 'active', 'paused') AND ends_at <= $1 ORDER BY ends_at LIMIT $2`, [now, limit])) as Array<{ organization_id: string; id: string }>;
    return rows.map((r) => ({ organizationId: r.organization_id as OrgId, campaignId: r.id }));
  }
}
