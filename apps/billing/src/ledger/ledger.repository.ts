import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '@santral/contracts';
import { decodeCursor, encodeCursor, tenantQuery, tenantsQuery, type OrgId, type Page, type Tx } from '@santral/persistence';
import type { Account, NewEntry } from './account';

interface AccountRow {
  organization_id: string;
  posted_credits: string;
  posted_debits: string;
  pending_debits: string;
  low_balance_threshold: string;
  auto_recharge_enabled: boolean;
  auto_recharge_threshold: string;
  auto_recharge_amount: string;
  stripe_customer_id: string | null;
  stripe_payment_method_id: string | null;
  low_warned: boolean;
  exhausted: boolean;
  recharge_armed: boolean;
}

export const ACCOUNT_COLUMNS = `organization_id, posted_credits, posted_debits, pending_debits, low_balance_threshold, auto_recharge_enabled,
  auto_recharge_threshold, auto_recharge_amount, stripe_customer_id, stripe_payment_method_id, low_warned, exhausted, recharge_armed`;

export function accountOf(r: AccountRow): Account {
  return {
    organizationId: r.organization_id,
    postedCredits: Number(r.posted_credits),
    postedDebits: Number(r.posted_debits),
    pendingDebits: Number(r.pending_debits),
    lowBalanceThreshold: Number(r.low_balance_threshold),
    autoRechargeEnabled: r.auto_recharge_enabled,
    autoRechargeThreshold: Number(r.auto_recharge_threshold),
    autoRechargeAmount: Number(r.auto_recharge_amount),
    stripeCustomerId: r.stripe_customer_id,
    stripePaymentMethodId: r.stripe_payment_method_id,
    lowWarned: r.low_warned,
    exhausted: r.exhausted,
    rechargeArmed: r.recharge_armed,
  };
}

/** A CHECK constraint refused the row: for accounts, the balance rule. */
export function isCheckViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && ((e as { code?: string }).code === '23514' || (e as { driverError?: { code?: string } }).driverError?.code === '23514');
}

/** An entry of a batch: its organization with it. */
export type BatchEntry = NewEntry & { orgId: OrgId };

const ACCOUNT_RETURNING = ACCOUNT_COLUMNS.split(',').map((c) => `a.${c.trim()}`).join(', ');

export interface EntryRow {
  id: string;
  kind: NewEntry['kind'];
  amount: number;
  creditsDelta: number;
  debitsDelta: number;
  pendingDelta: number;
  reservationId: string | null;
  callId: string | null;
  campaignId: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

export interface EntryFilter {
  kind?: NewEntry['kind'];
  callId?: string;
  from?: string;
  to?: string;
}

/** Accounts and their append-only entries; an entry and its balance change are one statement. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ensureAccount(orgId: OrgId, tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `INSERT INTO accounts (organization_id) VALUES ($1) ON CONFLICT DO NOTHING`);
  }

  async find(orgId: OrgId, tx?: Tx): Promise<Account | null> {
    const [row] = await tenantQuery<AccountRow>(tx ?? this.db.manager, orgId, `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE organization_id = $1`);
    return row ? accountOf(row) : null;
  }

  async lock(orgId: OrgId, tx: Tx): Promise<Account | null> {
    const [row] = await tenantQuery<AccountRow>(tx, orgId, `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE organization_id = $1 FOR UPDATE`);
    return row ? accountOf(row) : null;
  }

  /** Locks the accounts of several organizations, always in one order (two batches never deadlock); an organization without one is absent. */
  async lockMany(orgIds: readonly OrgId[], tx: Tx): Promise<Map<OrgId, Account>> {
    const rows = await tenantsQuery<AccountRow>(
      tx,
      orgIds,
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE organization_id = ANY($1::uuid[]) ORDER BY organization_id FOR UPDATE`,
    );
    return new Map(rows.map((r) => [r.organization_id as OrgId, accountOf(r)]));
  }

  /**
   * `append` for a batch, in one statement: every entry whose key is new is inserted, and each
   * account changes once by the sum of its entries' deltas. The accounts CHECK sees the result
   * (the caller has checked each step under the locks of `lockMany`); a refusal raises
   * INSUFFICIENT_CREDITS and the whole transaction is lost. Returns the accounts after, and each
   * entry's id, in the order of `entries` (null: its key existed, nothing was written).
   */
  async appendMany(entries: readonly BatchEntry[], tx: Tx): Promise<{ accounts: Map<OrgId, Account>; entryIds: Array<string | null> }> {
    if (entries.length === 0) return { accounts: new Map(), entryIds: [] };
    const ids = entries.map(() => uuidv7());
    try {
      const rows = await tenantsQuery<AccountRow & { entry_ids: string[] }>(
        tx,
        entries.map((e) => e.orgId),
        `WITH e AS (
           INSERT INTO ledger_entries (id, organization_id, kind, idempotency_key, amount, credits_delta, debits_delta, pending_delta, reservation_id, call_id, campaign_id, details)
           SELECT * FROM unnest($2::uuid[], $1::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::uuid[], $10::uuid[], $11::uuid[], $12::jsonb[])
           ON CONFLICT (organization_id, idempotency_key) DO NOTHING
           RETURNING id, organization_id, credits_delta, debits_delta, pending_delta),
         s AS (
           SELECT organization_id, sum(credits_delta) AS c, sum(debits_delta) AS d, sum(pending_delta) AS p, array_agg(id) AS ids FROM e GROUP BY organization_id)
         UPDATE accounts a SET posted_credits = a.posted_credits + s.c, posted_debits = a.posted_debits + s.d,
           pending_debits = a.pending_debits + s.p, updated_at = clock_timestamp()
         FROM s WHERE a.organization_id = s.organization_id
         RETURNING s.ids AS entry_ids, ${ACCOUNT_RETURNING}`,
        [
          ids,
          entries.map((e) => e.kind),
          entries.map((e) => e.idempotencyKey),
          entries.map((e) => e.amount),
          entries.map((e) => e.creditsDelta ?? 0),
          entries.map((e) => e.debitsDelta ?? 0),
          entries.map((e) => e.pendingDelta ?? 0),
          entries.map((e) => e.reservationId ?? null),
          entries.map((e) => e.callId ?? null),
          entries.map((e) => e.campaignId ?? null),
          entries.map((e) => (e.details ? JSON.stringify(e.details) : null)),
        ],
      );
      const written = new Set(rows.flatMap((r) => r.entry_ids));
      return { accounts: new Map(rows.map((r) => [r.organization_id as OrgId, accountOf(r)])), entryIds: ids.map((id) => (written.has(id) ? id : null)) };
    } catch (e) {
      if (isCheckViolation(e)) throw new DomainError('INSUFFICIENT_CREDITS', 'The available balance does not cover this');
      throw e;
    }
  }

  /**
   * Appends an entry and applies its deltas to the account in one statement, under the account
   * row's lock; null when an entry with its key exists (nothing changed). A change that would
   * break the balance rule raises INSUFFICIENT_CREDITS (the CHECK refused it; the transaction is lost).
   */
  async append(orgId: OrgId, entry: NewEntry, tx: Tx): Promise<{ account: Account; entryId: string } | null> {
    try {
      const [row] = await tenantQuery<AccountRow & { entry_id: string }>(
        tx,
        orgId,
        `WITH e AS (
           INSERT INTO ledger_entries (id, organization_id, kind, idempotency_key, amount, credits_delta, debits_delta, pending_delta, reservation_id, call_id, campaign_id, details)
           VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)
           ON CONFLICT (organization_id, idempotency_key) DO NOTHING
           RETURNING id, credits_delta, debits_delta, pending_delta)
         UPDATE accounts a SET posted_credits = a.posted_credits + e.credits_delta, posted_debits = a.posted_debits + e.debits_delta,
           pending_debits = a.pending_debits + e.pending_delta, updated_at = clock_timestamp()
         FROM e WHERE a.organization_id = $1
         RETURNING e.id AS entry_id, ${ACCOUNT_RETURNING}`,
        [
          uuidv7(), entry.kind, entry.idempotencyKey, entry.amount, entry.creditsDelta ?? 0, entry.debitsDelta ?? 0, entry.pendingDelta ?? 0,
          entry.reservationId ?? null, entry.callId ?? null, entry.campaignId ?? null, entry.details ? JSON.stringify(entry.details) : null,
        ],
      );
      return row ? { account: accountOf(row), entryId: row.entry_id } : null;
    } catch (e) {
      if (isCheckViolation(e)) throw new DomainError('INSUFFICIENT_CREDITS', 'The available balance does not cover this');
      throw e;
    }
  }

  async setFlags(orgId: OrgId, flags: Pick<Account, 'lowWarned' | 'exhausted' | 'rechargeArmed'>, tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `UPDATE accounts SET low_warned = $2, exhausted = $3, recharge_armed = $4 WHERE organization_id = $1`, [
      flags.lowWarned,
      flags.exhausted,
      flags.rechargeArmed,
    ]);
  }

  async page(orgId: OrgId, limit: number, cursor: string | undefined, filter: EntryFilter): Promise<Page<EntryRow>> {
    const after = decodeCursor(cursor);
    if (cursor !== undefined && after === null) throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned');
    const rows = await tenantQuery<Record<string, string | null> & { details: Record<string, unknown> | null }>(
      this.db.manager,
      orgId,
      `SELECT id, kind, amount, credits_delta, debits_delta, pending_delta, reservation_id, call_id, campaign_id, details,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
         FROM ledger_entries
        WHERE organization_id = $1
          AND ($2::text IS NULL OR kind = $2) AND ($3::uuid IS NULL OR call_id = $3)
          AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
          AND ($6::timestamptz IS NULL OR (created_at, id) < ($6::timestamptz, $7::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $8`,
      [filter.kind ?? null, filter.callId ?? null, filter.from ?? null, filter.to ?? null, after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id!,
      kind: r.kind as NewEntry['kind'],
      amount: Number(r.amount),
      creditsDelta: Number(r.credits_delta),
      debitsDelta: Number(r.debits_delta),
      pendingDelta: Number(r.pending_delta),
      reservationId: r.reservation_id,
      callId: r.call_id,
      campaignId: r.campaign_id,
      details: r.details,
      createdAt: r.created_at!,
    }));
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return { items, nextCursor };
  }
}
