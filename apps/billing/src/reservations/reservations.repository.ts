import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';

export interface Reservation {
  id: string;
  organizationId: string;
  callId: string;
  attempt: number;
  amount: number;
  state: 'pending' | 'posted' | 'expired';
  expiresAt: Date;
}

type Row = { id: string; organization_id: string; call_id: string; attempt: number; amount: string; state: Reservation['state']; expires_at: Date };
const COLUMNS = 'id, organization_id, call_id, attempt, amount, state, expires_at';
const reservationOf = (r: Row): Reservation => ({
  id: r.id,
  organizationId: r.organization_id,
  callId: r.call_id,
  attempt: r.attempt,
  amount: Number(r.amount),
  state: r.state,
  expiresAt: r.expires_at,
});

export interface SettlementRecord {
  callId: string;
  attempt: number;
  reservationId: string | null;
  campaignId: string | null;
  endStatus: string;
  connected: boolean;
  talkSeconds: number;
  forwardedSeconds: number;
  cost: number;
}

/** Reservations (pending debits) and the one settlement of each ended call attempt. */
@Injectable()
export class ReservationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the reservation unless (call, attempt) has one; null when it had. */
  async insert(orgId: OrgId, r: { id: string; callId: string; attempt: number; amount: number; ttlSeconds: number }, tx: Tx): Promise<Reservation | null> {
    const [row] = await tenantQuery<Row>(
      tx,
      orgId,
      `INSERT INTO reservations (id, organization_id, call_id, attempt, amount, state, expires_at)
       VALUES ($2, $1, $3, $4, $5, 'pending', clock_timestamp() + $6 * interval '1 second')
       ON CONFLICT (organization_id, call_id, attempt) DO NOTHING RETURNING ${COLUMNS}`,
      [r.id, r.callId, r.attempt, r.amount, r.ttlSeconds],
    );
    return row ? reservationOf(row) : null;
  }

  async findByCall(orgId: OrgId, callId: string, attempt: number, tx?: Tx, lock = false): Promise<Reservation | null> {
    const [row] = await tenantQuery<Row>(
      tx ?? this.db.manager,
      orgId,
      `SELECT ${COLUMNS} FROM reservations WHERE organization_id = $1 AND call_id = $2 AND attempt = $3${lock ? ' FOR UPDATE' : ''}`,
      [callId, attempt],
    );
    return row ? reservationOf(row) : null;
  }

  async setState(orgId: OrgId, id: string, state: Reservation['state'], tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `UPDATE reservations SET state = $3 WHERE organization_id = $1 AND id = $2`, [id, state]);
  }

  /** Pending reservations past their expiry, any organization (the sweeper's one cross-organization read). */
  async expiredAcrossOrganizations(limit: number): Promise<Array<{ organizationId: OrgId; id: string }>> {
    const rows: Array<{ organization_id: OrgId; id: string }> = await this.db.query(
      `SELECT organization_id, id FROM reservations WHERE state = 'pending' AND expires_at < clock_timestamp() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, id: r.id }));
  }

  /** The pending reservation, locked; null once it is no longer pending (another replica took it). */
  async lockPending(orgId: OrgId, id: string, tx: Tx): Promise<Reservation | null> {
    const [row] = await tenantQuery<Row>(
      tx,
      orgId,
      `SELECT ${COLUMNS} FROM reservations WHERE organization_id = $1 AND id = $2 AND state = 'pending' AND expires_at < clock_timestamp() FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return row ? reservationOf(row) : null;
  }

  /** Claims the settlement of (call, attempt); false when it was settled before (a redelivery). */
  async claimSettlement(orgId: OrgId, s: SettlementRecord, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(
      tx,
      orgId,
      `INSERT INTO settlements (organization_id, call_id, attempt, reservation_id, campaign_id, end_status, connected, talk_seconds, forwarded_seconds, cost, charged)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [s.callId, s.attempt, s.reservationId, s.campaignId, s.endStatus, s.connected, s.talkSeconds, s.forwardedSeconds, s.cost],
    );
    return rows.length > 0;
  }

  async settled(orgId: OrgId, callId: string, attempt: number, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(tx, orgId, `SELECT 1 FROM settlements WHERE organization_id = $1 AND call_id = $2 AND attempt = $3`, [callId, attempt]);
    return rows.length > 0;
  }

  async recordCharge(orgId: OrgId, callId: string, attempt: number, c: { charged: number; shortfall: number; late: boolean; reservationId: string | null }, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `UPDATE settlements SET charged = $4, shortfall = $5, late = $6, reservation_id = COALESCE($7, reservation_id)
        WHERE organization_id = $1 AND call_id = $2 AND attempt = $3`,
      [callId, attempt, c.charged, c.shortfall, c.late, c.reservationId],
    );
  }
}
