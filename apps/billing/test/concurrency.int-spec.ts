import { randomUUID } from 'node:crypto';
import { Rpc } from '@santral/contracts';
import { RpcRemoteError } from '@santral/messaging';
import { waitFor } from '@santral/testing';
import { BalanceWatch } from '../src/ledger/balance-watch';
import { grant, ledgerState, newOrg, publishOrganization, setPlan, startBilling, type BillingHarness } from './billing-harness';

jest.setTimeout(180_000);

// H1 / DESIGN §7: 1,000 reservations at once against a balance that covers 400 of them, through
// the real RPC path, two billing replicas: the accounts CHECK under the row lock lets exactly 400 hold
// credit, and the available balance is never below zero — sampled all along, and at the end.
describe('billing: 1,000 concurrent reservations against a balance covering 400', () => {
  let h: BillingHarness;

  beforeAll(async () => {
    // 1,000 requests queue for 2 × 10 connections on a shared 2-core machine: let them wait rather than time out.
    h = await startBilling({ replicas: 2, env: { DB_POOL_ACQUIRE_TIMEOUT_MS: '120000' } });
  });
  afterAll(async () => h?.close());

  it('holds exactly 400, refuses 600 with INSUFFICIENT_CREDITS, and never goes below zero', async () => {
    const org = newOrg();
    // One credit per reservation: 1/min per minute, a 60 s call, nothing else held.
    await setPlan(h, org, { ratePerMinute: 10_000, incrementSeconds: 60, firstIncrementSeconds: 0, unconnectedAttemptCharge: 0, forwardingRatePerMinute: 0, countryRates: {} });
    await publishOrganization(h, org, 1);
    await waitFor(async () => (await h.app.get(BalanceWatch).minimumOf(org)) === 10_000, 15_000, 'minimum of 1 credit known');
    await grant(h, org, 400);

    let sampling = true;
    let lowest = Number.POSITIVE_INFINITY;
    const sampler = (async () => {
      while (sampling) {
        const [row] = await h.db.query(`SELECT (posted_credits - posted_debits - pending_debits)::bigint AS available FROM accounts WHERE organization_id = $1`, [org]);
        lowest = Math.min(lowest, Number(row.available));
        await new Promise((ok) => setTimeout(ok, 2));
      }
    })();
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, () =>
        h.rpc
          .request(Rpc.Billing.CreditsReserve, { organizationId: org, callId: randomUUID(), attempt: 1, estimatedSeconds: 60 }, { timeoutMs: 120_000 })
          .then(() => 'held')
          .catch((e: unknown) => (e instanceof RpcRemoteError ? e.wire.code : String(e))),
      ),
    );
    sampling = false;
    await sampler;
    const tally = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});
    expect(tally).toEqual({ held: 400, INSUFFICIENT_CREDITS: 600 });
    expect(lowest).toBeGreaterThanOrEqual(0);
    const s = await ledgerState(h, org);
    expect({ available: s.credits - s.debits - s.pending, pending: s.pending, sumPending: s.sumPending }).toEqual({ available: 0, pending: 4_000_000, sumPending: 4_000_000 });
    expect(await h.db.query(`SELECT count(*)::int AS n FROM reservations WHERE organization_id = $1`, [org])).toEqual([{ n: 400 }]);
  });
});
