import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Queryable } from '@santral/persistence';

export type SlotKind = 'outbound' | 'inbound';

/** An organization's capacity: all slots, of which the last `reservedInbound` only inbound calls may take (A2). */
export interface SlotCapacity {
  slots: number;
  reservedInbound: number;
}

/** How many slot numbers a call of this kind may use: outbound never reaches into the inbound reserve. */
export function usableSlots(capacity: SlotCapacity, kind: SlotKind): number {
  const slots = Math.max(0, Math.floor(capacity.slots));
  return kind === 'inbound' ? slots : Math.max(0, slots - Math.max(0, Math.floor(capacity.reservedInbound)));
}

/** The lease row `alias` belongs to a call of the organization that has not ended. */
const OPEN_CALL = (alias: string) => `EXISTS (SELECT 1 FROM calls c WHERE c.call_id = ${alias}.call_id AND c.organization_id = ${alias}.organization_id AND c.ended_at IS NULL)`;

/** The key of an organization's dispatch lock ($1: its id). */
export const DISPATCH_LOCK = `hashtextextended('dispatch:' || $1::uuid::text, 0)`;

/** Tries a few times when another replica took the same free slot in the same instant. */
const ACQUIRE_ATTEMPTS = 4;

/**
 * The leases behind invariant 1 (no organization has more active calls than slots, with any number
 * of replicas): a lease is a row keyed by (organization, slot number ≤ capacity), taken only when
 * that slot is free or its lease expired, in one statement. A call holds one lease from dispatch
 * to its terminal state; telephony facts extend it; one whose call went silent expires.
 */
@Injectable()
export class SlotLeases {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the organization's dispatch lock for the caller's transaction (released at its end), or
   * answers false at once when another transaction holds it: one dispatch pass per organization at a
   * time, whatever the number of replicas.
   */
  async tryLockOrganization(tx: Queryable, orgId: OrgId): Promise<boolean> {
    const [row] = await tenantQuery<{ locked: boolean }>(tx, orgId, `SELECT pg_try_advisory_xact_lock(${DISPATCH_LOCK}) AS locked`);
    return row?.locked === true;
  }

  /**
   * Waits for the organization's dispatch lock (held to the end of the caller's transaction): a pass
   * in flight commits first, and none starts until the caller's transaction ends.
   */
  async lockOrganization(tx: Queryable, orgId: OrgId): Promise<void> {
    await tenantQuery(tx, orgId, `SELECT pg_advisory_xact_lock(${DISPATCH_LOCK})`);
  }

  /**
   * Leases a free slot for the call (or returns the one it holds already): its number, or null when
   * every usable slot is held by a live lease.
   */
  async acquire(orgId: OrgId, callId: string, kind: SlotKind, capacity: SlotCapacity, ttlMs: number, db: Queryable = this.dataSource): Promise<number | null> {
    const usable = usableSlots(capacity, kind);
    if (usable === 0) return null;
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      const [held] = await tenantQuery<{ slot_no: number }>(
        db,
        orgId,
        `UPDATE slot_leases SET expires_at = now() + $3 * interval '1 millisecond'
          WHERE organization_id = $1 AND call_id = $2 AND expires_at > now() RETURNING slot_no`,
        [callId, ttlMs],
      );
      if (held) return held.slot_no;
      // Its own lease lapsed (the call went silent, then came back): that slot may be someone else's now.
      await tenantQuery(db, orgId, `DELETE FROM slot_leases WHERE organization_id = $1 AND call_id = $2 AND expires_at <= now()`, [callId]);
      const taken = await this.take(db, orgId, callId, kind, ttlMs, usable);
      if (taken !== null) return taken;
      if ((await this.live(db, orgId, usable)) >= usable) return null;
    }
    return null;
  }

  /**
   * `acquire` for a call id minted just now (the dispatcher's): it cannot hold a lease yet, so only
   * the one statement that takes a free or expired slot runs.
   */
  async acquireNew(orgId: OrgId, callId: string, kind: SlotKind, capacity: SlotCapacity, ttlMs: number, db: Queryable = this.dataSource): Promise<number | null> {
    return (await this.acquireNewMany(orgId, [{ callId, ttlMs }], kind, capacity, db)).get(callId) ?? null;
  }

  /**
   * `acquireNew` for several call ids minted just now (the dispatcher's), in one statement per attempt: each call in
   * order gets the lowest free slot left, until none is free. Returns call id → slot number for the
   * calls that got one (a call without one is not dialled this pass). Every lease obeys the rule of
   * `take` (an expired lease frees its slot only once its call ended).
   */
  async acquireNewMany(orgId: OrgId, calls: ReadonlyArray<{ callId: string; ttlMs: number }>, kind: SlotKind, capacity: SlotCapacity, db: Queryable = this.dataSource): Promise<Map<string, number>> {
    const usable = usableSlots(capacity, kind);
    const got = new Map<string, number>();
    if (usable === 0 || calls.length === 0) return got;
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS && got.size < calls.length; attempt++) {
      const left = calls.filter((c) => !got.has(c.callId));
      const rows = await tenantQuery<{ slot_no: number; call_id: string }>(
        db,
        orgId,
        `WITH free AS (
           SELECT s, row_number() OVER (ORDER BY s) AS rn
             FROM generate_series(1, $5::int) AS s
            WHERE NOT EXISTS (SELECT 1 FROM slot_leases x WHERE x.organization_id = $1 AND x.slot_no = s AND (x.expires_at > now() OR ${OPEN_CALL('x')}))
            ORDER BY s LIMIT cardinality($2::uuid[])
         ), wanted AS (
           SELECT c, ttl, ord FROM unnest($2::uuid[], $4::int[]) WITH ORDINALITY AS u(c, ttl, ord)
         )
         INSERT INTO slot_leases AS l (organization_id, slot_no, call_id, kind, expires_at)
         SELECT $1, f.s, w.c, $3, now() + w.ttl * interval '1 millisecond' FROM free f JOIN wanted w ON w.ord = f.rn
         ON CONFLICT (organization_id, slot_no) DO UPDATE
            SET call_id = EXCLUDED.call_id, kind = EXCLUDED.kind, leased_at = now(), expires_at = EXCLUDED.expires_at
          WHERE l.expires_at <= now() AND NOT ${OPEN_CALL('l')}
         RETURNING slot_no, call_id`,
        [left.map((c) => c.callId), kind, left.map((c) => Math.round(c.ttlMs)), usable],
      );
      for (const r of rows) got.set(r.call_id, r.slot_no);
      // Fewer than asked: every usable slot is held, or another transaction took one in the same instant.
      if (got.size < calls.length && (await this.live(db, orgId, usable)) >= usable) break;
    }
    return got;
  }

  /**
   * Takes a free slot in one statement; null when another replica got there first or none is free.
   * An expired lease frees its slot only once its call ended (the watchdog ends a silent one and
   * releases the lease in one transaction): a new call never starts beside one not yet ended, so
   * the stored transitions never show more calls open than slots (invariant 1). A lease with no
   * call behind it frees its slot as soon as it expires.
   */
  private async take(db: Queryable, orgId: OrgId, callId: string, kind: SlotKind, ttlMs: number, usable: number): Promise<number | null> {
    const [taken] = await tenantQuery<{ slot_no: number }>(
      db,
      orgId,
      `INSERT INTO slot_leases AS l (organization_id, slot_no, call_id, kind, expires_at)
       SELECT $1, s, $2, $3, now() + $4 * interval '1 millisecond'
         FROM generate_series(1, $5::int) AS s
        WHERE NOT EXISTS (SELECT 1 FROM slot_leases x WHERE x.organization_id = $1 AND x.slot_no = s AND (x.expires_at > now() OR ${OPEN_CALL('x')}))
        ORDER BY s LIMIT 1
       ON CONFLICT (organization_id, slot_no) DO UPDATE
          SET call_id = EXCLUDED.call_id, kind = EXCLUDED.kind, leased_at = now(), expires_at = EXCLUDED.expires_at
        WHERE l.expires_at <= now() AND NOT ${OPEN_CALL('l')}
       RETURNING slot_no`,
      [callId, kind, ttlMs, usable],
    ).catch((err: { code?: string }) => {
      // The call's own lease expired and was not yet taken over: another replica is racing it.
      if (err.code === '23505') return [] as Array<{ slot_no: number }>;
      throw err;
    });
    return taken ? taken.slot_no : null;
  }

  /** Leases that hold their slot: live, or expired with their call not yet ended (see `take`). */
  private async live(db: Queryable, orgId: OrgId, usable: number): Promise<number> {
    const [{ live }] = await tenantQuery<{ live: number }>(
      db,
      orgId,
      `SELECT count(*)::int AS live FROM slot_leases l WHERE organization_id = $1 AND slot_no <= $2 AND (expires_at > now() OR ${OPEN_CALL('l')})`,
      [usable],
    );
    return live;
  }

  /** A telephony fact of the call: its lease lives another `ttlMs`. False when it holds none. */
  async extend(orgId: OrgId, callId: string, ttlMs: number, db: Queryable = this.dataSource): Promise<boolean> {
    const rows = await tenantQuery(
      db,
      orgId,
      `UPDATE slot_leases SET expires_at = now() + $3 * interval '1 millisecond' WHERE organization_id = $1 AND call_id = $2 RETURNING slot_no`,
      [callId, ttlMs],
    );
    return rows.length > 0;
  }

  /** The call reached its terminal state: its slot is free at once. */
  async release(orgId: OrgId, callId: string, db: Queryable = this.dataSource): Promise<boolean> {
    const rows = await tenantQuery(db, orgId, `DELETE FROM slot_leases WHERE organization_id = $1 AND call_id = $2 RETURNING slot_no`, [callId]);
    return rows.length > 0;
  }

  /** Platform read for /metrics: slots held now (the rule of `take`: live, or expired with the call not ended), per organization. */
  async inUseAcrossOrganizations(): Promise<Array<{ organizationId: string; n: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT l.organization_id, count(*)::int AS n FROM slot_leases l WHERE l.expires_at > now() OR ${OPEN_CALL('l')} GROUP BY l.organization_id`,
    )) as Array<{ organization_id: string; n: number }>;
    return rows.map((r) => ({ organizationId: r.organization_id, n: r.n }));
  }

  /**
   * Platform scan for the dispatcher: organizations with outbound slots free now (capacity from the
   * settings projection) and how many, in random order: two replicas' passes then start on different
   * organizations instead of queueing on the same locks, and past `limit` none is always left out.
   */
  async freeAcrossOrganizations(limit: number, db: Queryable = this.dataSource): Promise<Array<{ organizationId: OrgId; free: number }>> {
    const rows = (await db.query(
      `SELECT s.organization_id, (s.settings->>'concurrentSlots')::int - coalesce((s.settings->>'reservedInboundSlots')::int, 0) - coalesce(l.n, 0) AS free
         FROM organization_settings s
         LEFT JOIN (SELECT organization_id, count(*)::int AS n FROM slot_leases WHERE expires_at > now() GROUP BY organization_id) l USING (organization_id)
        WHERE (s.settings->>'concurrentSlots')::int - coalesce((s.settings->>'reservedInboundSlots')::int, 0) - coalesce(l.n, 0) > 0
        ORDER BY random()
        LIMIT $1`,
      [limit],
    )) as Array<{ organization_id: string; free: number }>;
    return rows.map((r) => ({ organizationId: r.organization_id as OrgId, free: r.free }));
  }

  /** Live leases of the organization, for diagnostics ("3 of 3 slots busy: …"). */
  async held(orgId: OrgId, db: Queryable = this.dataSource): Promise<Array<{ slotNo: number; callId: string; kind: SlotKind; expiresAt: Date }>> {
    const rows = await tenantQuery<{ slot_no: number; call_id: string; kind: SlotKind; expires_at: Date }>(
      db,
      orgId,
      `SELECT slot_no, call_id, kind, expires_at FROM slot_leases WHERE organization_id = $1 AND expires_at > now() ORDER BY slot_no`,
    );
    return rows.map((r) => ({ slotNo: r.slot_no, callId: r.call_id, kind: r.kind, expiresAt: r.expires_at }));
  }
}
