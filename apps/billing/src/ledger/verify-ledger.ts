import type { Queryable } from '@santral/persistence';

/** One account whose balances are not what its entries say. */
export interface LedgerMismatch {
  organizationId: string;
  problem: string;
}

/**
 * The ledger invariant (DESIGN §8.4), across every organization: each account's posted credits,
 * posted debits and pending debits equal the sums of its entries; its pending debits equal its
 * pending reservations; no call attempt has more than one posting. Ops run it as `npm run billing:verify`.
 */
export async function verifyLedger(db: Queryable): Promise<{ accounts: number; mismatches: LedgerMismatch[] }> {
  const rows = (await db.query(`
    WITH sums AS (
      SELECT organization_id, sum(credits_delta) AS credits, sum(debits_delta) AS debits, sum(pending_delta) AS pending
        FROM ledger_entries GROUP BY organization_id),
    held AS (SELECT organization_id, sum(amount) AS pending FROM reservations WHERE state = 'pending' GROUP BY organization_id),
    posts AS (
      SELECT organization_id, count(*) AS twice FROM (
        SELECT organization_id, call_id, idempotency_key FROM ledger_entries WHERE kind = 'post' AND call_id IS NOT NULL
      ) p GROUP BY organization_id, call_id, idempotency_key HAVING count(*) > 1)
    SELECT a.organization_id::text AS organization_id,
           a.posted_credits::text AS posted_credits, a.posted_debits::text AS posted_debits, a.pending_debits::text AS pending_debits,
           COALESCE(s.credits, 0)::text AS sum_credits, COALESCE(s.debits, 0)::text AS sum_debits, COALESCE(s.pending, 0)::text AS sum_pending,
           COALESCE(h.pending, 0)::text AS held, (SELECT count(*) FROM posts WHERE posts.organization_id = a.organization_id)::int AS doubles
      FROM accounts a LEFT JOIN sums s USING (organization_id) LEFT JOIN held h USING (organization_id)
      ORDER BY a.organization_id`)) as Array<Record<string, string | number>>;
  const mismatches: LedgerMismatch[] = [];
  for (const r of rows) {
    const org = String(r.organization_id);
    const check = (what: string, actual: unknown, expected: unknown) => {
      if (String(actual) !== String(expected)) mismatches.push({ organizationId: org, problem: `${what}: account ${actual}, entries ${expected}` });
    };
    check('posted credits', r.posted_credits, r.sum_credits);
    check('posted debits', r.posted_debits, r.sum_debits);
    check('pending debits', r.pending_debits, r.sum_pending);
    check('pending debits vs pending reservations', r.pending_debits, r.held);
    if (Number(r.doubles) > 0) mismatches.push({ organizationId: org, problem: `${r.doubles} call attempt(s) posted more than once` });
  }
  return { accounts: rows.length, mismatches };
}
