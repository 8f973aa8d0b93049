import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, FINAL_CAMPAIGN_CONTACT_STATES, type CampaignContactProgressV1, type CampaignContactState, type CampaignTotalsV1, type RequestedContactV1 } from '@santral/contracts';
import { tenantQuery, type OrgId, type Page, type Tx } from '@santral/persistence';
import { ProgressPort, type ContactFact } from './campaigns.port';

const FINAL = FINAL_CAMPAIGN_CONTACT_STATES as readonly string[];
const FINAL_SQL = `(${FINAL.map((s) => `'${s}'`).join(', ')})`;

const encode = (contactId: string) => Buffer.from(JSON.stringify({ c: contactId })).toString('base64url');
function decode(cursor: string): string {
  try {
    const { c } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown };
    if (typeof c === 'string' && /^[0-9a-f-]{36}$/i.test(c)) return c.toLowerCase();
  } catch {
    /* not ours */
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this list gave');
}

@Injectable()
export class ProgressRepository extends ProgressPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async addPending(orgId: OrgId, campaignId: string, contacts: ReadonlyArray<Pick<RequestedContactV1, 'contactId' | 'to'>>, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `INSERT INTO campaign_contacts (organization_id, campaign_id, contact_id, phone, state)
       SELECT $1, $2, c, p, 'pending' FROM unnest($3::uuid[], $4::text[]) AS t(c, p) ON CONFLICT DO NOTHING`,
      [campaignId, contacts.map((c) => c.contactId), contacts.map((c) => c.to)],
    );
  }

  async apply(orgId: OrgId, campaignId: string, f: ContactFact, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(
      tx,
      orgId,
      `UPDATE campaign_contacts SET state = $4, rank = $5, attempts = GREATEST(attempts, $6), last_call_id = COALESCE($7::uuid, last_call_id),
              last_end_reason = COALESCE($8, last_end_reason), updated_at = clock_timestamp()
        WHERE organization_id = $1 AND campaign_id = $2 AND contact_id = $3 AND rank < $5 AND state NOT IN ${FINAL_SQL} RETURNING contact_id`,
      [campaignId, f.contactId, f.state, f.rank, f.attempts, f.callId ?? null, f.endReason ?? null],
    );
    return rows.length > 0;
  }

  async recordCall(orgId: OrgId, campaignId: string, callId: string, talkSeconds: number, answered: boolean, tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `INSERT INTO campaign_calls (organization_id, campaign_id, call_id, talk_seconds, answered) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [campaignId, callId, talkSeconds, answered]);
  }

  async recordCharge(orgId: OrgId, campaignId: string, reservationId: string, amount: number, tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `INSERT INTO campaign_charges (organization_id, campaign_id, reservation_id, amount) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [campaignId, reservationId, amount]);
  }

  async openCount(orgId: OrgId, campaignId: string, tx: Tx): Promise<number> {
    const [row] = await tenantQuery<{ n: string }>(tx, orgId, `SELECT count(*) AS n FROM campaign_contacts WHERE organization_id = $1 AND campaign_id = $2 AND state NOT IN ${FINAL_SQL}`, [campaignId]);
    return Number(row?.n ?? 0);
  }

  async cancelOpen(orgId: OrgId, campaignId: string, tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `UPDATE campaign_contacts SET state = 'cancelled', rank = 1000000, updated_at = clock_timestamp() WHERE organization_id = $1 AND campaign_id = $2 AND state NOT IN ${FINAL_SQL}`, [campaignId]);
  }

  async totals(orgId: OrgId, campaignId: string, tx?: Tx): Promise<CampaignTotalsV1> {
    const rows = await tenantQuery<{ state: CampaignContactState; n: string }>(tx ?? this.db, orgId, `SELECT state, count(*) AS n FROM campaign_contacts WHERE organization_id = $1 AND campaign_id = $2 GROUP BY state`, [campaignId]);
    const n = (s: CampaignContactState) => Number(rows.find((r) => r.state === s)?.n ?? 0);
    return { pending: n('pending'), inProgress: n('in_progress'), retryScheduled: n('retry_scheduled'), succeeded: n('succeeded'), failed: n('failed'), exhausted: n('exhausted'), blocked: n('blocked'), cancelled: n('cancelled') };
  }

  async calls(orgId: OrgId, campaignId: string): Promise<{ calls: number; averageTalkSeconds: number | null; cost: number }> {
    const [calls] = await tenantQuery<{ n: string; avg: string | null }>(this.db, orgId, `SELECT count(*) AS n, avg(talk_seconds) FILTER (WHERE answered) AS avg FROM campaign_calls WHERE organization_id = $1 AND campaign_id = $2`, [campaignId]);
    const [cost] = await tenantQuery<{ sum: string | null }>(this.db, orgId, `SELECT sum(amount) AS sum FROM campaign_charges WHERE organization_id = $1 AND campaign_id = $2`, [campaignId]);
    return { calls: Number(calls?.n ?? 0), averageTalkSeconds: calls?.avg == null ? null : Math.round(Number(calls.avg) * 10) / 10, cost: Number(cost?.sum ?? 0) };
  }

  async contacts(orgId: OrgId, campaignId: string, state: CampaignContactState | undefined, limit: number, cursor: string | undefined): Promise<Page<CampaignContactProgressV1>> {
    const after = cursor === undefined ? null : decode(cursor);
    const rows = await tenantQuery<{ contact_id: string; phone: string; state: CampaignContactState; attempts: number; last_call_id: string | null; last_end_reason: string | null; updated_at: Date }>(
      this.db,
      orgId,
      `SELECT contact_id, phone, state, attempts, last_call_id, last_end_reason, updated_at FROM campaign_contacts
        WHERE organization_id = $1 AND campaign_id = $2 AND ($3::text IS NULL OR state = $3) AND ($4::uuid IS NULL OR contact_id > $4::uuid) ORDER BY contact_id LIMIT $5`,
      [campaignId, state ?? null, after, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => ({ contactId: r.contact_id, phone: r.phone, state: r.state, attempts: r.attempts, lastCallId: r.last_call_id, lastEndReason: r.last_end_reason, updatedAt: r.updated_at.toISOString() }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encode(last.contactId) : null };
  }

  async openByZone(orgId: OrgId, campaignId: string): Promise<Array<{ zone: string | null; contacts: number }>> {
    const rows = await tenantQuery<{ zone: string | null; n: string }>(
      this.db,
      orgId,
      `SELECT k.time_zone AS zone, count(*) AS n FROM campaign_contacts p JOIN contacts k ON k.organization_id = p.organization_id AND k.id = p.contact_id
        WHERE p.organization_id = $1 AND p.campaign_id = $2 AND p.state IN ('pending', 'retry_scheduled') GROUP BY k.time_zone ORDER BY count(*) DESC LIMIT 20`,
      [campaignId],
    );
    return rows.map((r) => ({ zone: r.zone, contacts: Number(r.n) }));
  }
}
