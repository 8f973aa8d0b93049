import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { tenantQuery, tenantsQuery, type OrgId, type Tx } from '@santral/persistence';

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

/** A call attempt of some organization: what a batch names its reservations and settlements by. */
export interface AttemptKey {
  orgId: OrgId;
  callId: string;
  attempt: number;
}

/** What a batch of reservation requests finds for each attempt: its reservation, and whether it was settled. */
export interface AttemptState {
  reservation: Reservation | null;
  settled: boolean;
}

/** An attempt's key in a batch's maps (uuids as Postgres prints them: lower case). */
export const attemptKey = (orgId: string, callId: string, attempt: number): string => `${orgId.toLowerCase()}/${callId.toLowerCase()}/${attempt}`;
const keyOf = (k: AttemptKey): string => attemptKey(k.orgId, k.callId, k.attempt);

/** Reservations (pending debits) and the one settlement of each ended call attempt. */
@Injectable()
export class ReservationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Each attempt's reservation and whether it was settled, in the order of `keys`: one statement for a batch. */
  async statesOf(keys: readonly AttemptKey[], tx: Tx): Promise<AttemptState[]> {
    const rows = await tenantsQuery<Partial<Row> & { k_org: string; k_call: string; k_attempt: number; settled: boolean }>(
      tx,
      keys.map((k) => k.orgId),
      `SELECT k.org AS k_org, k.call_id AS k_call, k.attempt AS k_attempt, r.id, r.organization_id, r.call_id, r.attempt, r.amount, r.state, r.expires_at,
              EXISTS (SELECT 1 FROM settlements s WHERE s.organization_id = k.org AND s.call_id = k.call_id AND s.attempt = k.attempt) AS settled
         FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS k(org, call_id, attempt)
         LEFT JOIN reservations r ON r.organization_id = k.org AND r.call_id = k.call_id AND r.attempt = k.attempt`,
      [keys.map((k) => k.callId), keys.map((k) => k.attempt)],
    );
    const byKey = new Map(rows.map((r) => [attemptKey(r.k_org, r.k_call, r.k_attempt), r]));
    return keys.map((k) => {
      const r = byKey.get(keyOf(k));
      return { reservation: r?.id ? reservationOf(r as Row) : null, settled: r?.settled ?? false };
    });
  }

  /** Inserts a batch of reservations (their attempts have none: the caller holds their accounts' locks); returns each one's expiry by id. */
  async insertMany(rows: ReadonlyArray<AttemptKey & { id: string; amount: number; ttlSeconds: number }>, tx: Tx): Promise<Map<string, Date>> {
    const inserted = await tenantsQuery<{ id: string; expires_at: Date }>(
      tx,
      rows.map((r) => r.orgId),
      `INSERT INTO reservations (id, organization_id, call_id, attempt, amount, state, expires_at)
       SELECT id, org, call_id, attempt, amount, 'pending', clock_timestamp() + ttl * interval '1 second'
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::int[]) AS k(org, id, call_id, attempt, amount, ttl)
       ON CONFLICT (organization_id, call_id, attempt) DO NOTHING RETURNING id, expires_at`,
      [rows.map((r) => r.id), rows.map((r) => r.callId), rows.map((r) => r.attempt), rows.map((r) => r.amount), rows.map((r) => r.ttlSeconds)],
    );
    return new Map(inserted.map((r) => [r.id, r.expires_at]));
  }

  /** Which of these attempts were settled already (by attempt key). */
  async settledAmong(keys: readonly AttemptKey[], tx: Tx): Promise<Set<string>> {
    const rows = await tenantsQuery<{ organization_id: string; call_id: string; attempt: number }>(
      tx,
      keys.map((k) => k.orgId),
      `SELECT s.organization_id, s.call_id, s.attempt
         FROM settlements s JOIN unnest($1::uuid[], $2::uuid[], $3::int[]) AS k(org, call_id, attempt)
           ON s.organization_id = k.org AND s.call_id = k.call_id AND s.attempt = k.attempt`,
      [keys.map((k) => k.callId), keys.map((k) => k.attempt)],
    );
    return new Set(rows.map((r) => attemptKey(r.organization_id, r.call_id, r.attempt)));
  }

  /**
   * Writes the settlements of a batch of ended attempts, each with what it charged; returns how
   * many were written (fewer: an attempt was settled meanwhile, by a transaction that did not
   * wait for the same account lock — the caller's transaction must then be given up).
   */
  async insertSettlements(rows: ReadonlyArray<SettlementRecord & AttemptKey & { charged: number; shortfall: number; late: boolean }>, tx: Tx): Promise<number> {
    if (rows.length === 0) return 0;
    const written = await tenantsQuery(
      tx,
      rows.map((r) => r.orgId),
      `INSERT INTO settlements (organization_id, call_id, attempt, reservation_id, campaign_id, end_status, connected, talk_seconds, forwarded_seconds, cost, charged, shortfall, late)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::uuid[], $6::text[], $7::boolean[], $8::int[], $9::int[], $10::bigint[], $11::bigint[], $12::bigint[], $13::boolean[])
       ON CONFLICT DO NOTHING RETURNING 1`,
      [
        rows.map((r) => r.callId), rows.map((r) => r.attempt), rows.map((r) => r.reservationId), rows.map((r) => r.campaignId), rows.map((r) => r.endStatus),
        rows.map((r) => r.connected), rows.map((r) => r.talkSeconds), rows.map((r) => r.forwardedSeconds), rows.map((r) => r.cost), rows.map((r) => r.charged),
        rows.map((r) => r.shortfall), rows.map((r) => r.late),
      ],
    );
    return written.length;
  }

  /** The reservations of a batch of attempts, locked in key order; by attempt key (an attempt without one is absent). */
  async lockForSettlement(keys: readonly AttemptKey[], tx: Tx): Promise<Map<string, Reservation>> {
    const rows = await tenantsQuery<Row>(
      tx,
      keys.map((k) => k.orgId),
      `SELECT ${COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')}
         FROM reservations r JOIN unnest($1::uuid[], $2::uuid[], $3::int[]) AS k(org, call_id, attempt)
           ON r.organization_id = k.org AND r.call_id = k.call_id AND r.attempt = k.attempt
        ORDER BY r.organization_id, r.call_id, r.attempt FOR UPDATE OF r`,
      [keys.map((k) => k.callId), keys.map((k) => k.attempt)],
    );
    return new Map(rows.map((r) => [attemptKey(r.organization_id, r.call_id, r.attempt), reservationOf(r)]));
  }

  /** Marks a batch of reservations posted. */
  async markPosted(rows: ReadonlyArray<{ orgId: OrgId; id: string }>, tx: Tx): Promise<void> {
    if (rows.length === 0) return;
    await tenantsQuery(
      tx,
      rows.map((r) => r.orgId),
      `UPDATE reservations r SET state = 'posted' FROM unnest($1::uuid[], $2::uuid[]) AS k(org, id) WHERE r.organization_id = k.org AND r.id = k.id`,
      [rows.map((r) => r.id)],
    );
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
}
