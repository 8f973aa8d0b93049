import { randomUUID } from 'node:crypto';
import type { EndReasonCode } from '@santral/call-state';
import { Rpc, Subjects } from '@santral/contracts';
import { RpcRemoteError } from '@santral/messaging';
import { waitFor } from '@santral/testing';
import { BalanceWatch } from '../src/ledger/balance-watch';
import { ExpireReservationsUseCase } from '../src/reservations/expire-reservations.use-case';
import { eventsOf, grant, ledgerState, newOrg, publishEnded, publishOrganization, setPlan, settlementOf, startBilling, type BillingHarness } from './billing-harness';

jest.setTimeout(120_000);

// 1 credit/min per 6 s with a 30 s first increment; 0.05 per unconnected attempt; forwarding 0.5/min.
const PLAN = { ratePerMinute: 10_000, incrementSeconds: 6, firstIncrementSeconds: 30, unconnectedAttemptCharge: 500, forwardingRatePerMinute: 5_000, countryRates: {} };
const codeOf = (e: unknown) => (e instanceof RpcRemoteError ? e.wire.code : String(e));

describe('billing: reserve → settle on real Postgres and JetStream', () => {
  let h: BillingHarness;

  beforeAll(async () => {
    h = await startBilling({ env: { RESERVATION_GRACE_SECONDS: '1' } });
  });
  afterAll(async () => h?.close());

  const reserve = (orgId: string, callId: string, estimatedSeconds = 600, attempt = 1) =>
    h.rpc.request(Rpc.Billing.CreditsReserve, { organizationId: orgId, callId, attempt, estimatedSeconds });
  const settled = (orgId: string, callId: string, attempt = 1) => waitFor(() => settlementOf(h, orgId as never, callId, attempt), 15_000, `settlement of ${callId}`);

  async function expectBalanced(orgId: string) {
    const s = await ledgerState(h, orgId as never);
    expect({ credits: s.sumCredits, debits: s.sumDebits, pending: s.sumPending }).toEqual({ credits: s.credits, debits: s.debits, pending: s.pending });
    expect(s.credits - s.debits - s.pending).toBeGreaterThanOrEqual(0);
    return s;
  }

  // [reason, talk s, forwarded s, units charged]
  const cases: Array<[EndReasonCode, number, number, number]> = [
    ['completed', 61, 0, 11_000], // 66 s at 1/min
    ['customer_hung_up', 10, 0, 5_000], // the 30 s first increment
    ['agent_hung_up', 120, 0, 20_000],
    ['operator_hung_up', 30, 0, 5_000],
    ['voicemail', 7, 0, 5_000],
    ['transfer_failed', 40, 10, 8_000], // 42 s talk + 12 s forwarded at 0.5/min
    ['no_answer', 0, 0, 500], // the unconnected-attempt charge
    ['busy', 0, 0, 500],
    ['rejected', 0, 0, 500],
    ['invalid_number', 0, 0, 500],
    ['caller_abandoned', 0, 0, 0], // not billable
    ['cancelled_by_user', 0, 0, 0],
    ['provider_error', 0, 0, 0],
    ['queue_timeout', 0, 0, 0],
    ['stuck_watchdog', 0, 0, 0],
    ['lost_provider_events', 0, 0, 0],
    ['REQUEST_ANSWER_URL_ERROR', 0, 0, 0],
  ];

  it.each(cases)('%s (talk %d s, forwarded %d s) charges %d units and releases the rest', async (reason, talkSeconds, forwardedSeconds, units) => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 100);
    const callId = randomUUID();
    const r = await reserve(org, callId);
    // 600 s held at the dearest case: 10 credits talk + 5 forwarding.
    expect(r).toMatchObject({ amount: 15, availableAfter: 85 });
    await publishEnded(h, org, { callId, reason, talkSeconds, forwardedSeconds, reservationId: r.reservationId });
    await expect(settled(org, callId)).resolves.toMatchObject({ charged: units, shortfall: 0, late: false });
    const s = await expectBalanced(org);
    expect({ balance: s.credits - s.debits, pending: s.pending }).toEqual({ balance: 1_000_000 - units, pending: 0 });
    await expect(h.rpc.request(Rpc.Billing.BalanceGet, { organizationId: org })).resolves.toMatchObject({ balance: (1_000_000 - units) / 10_000, reserved: 0, available: (1_000_000 - units) / 10_000 });
    await waitFor(() => eventsOf(h, Subjects.Billing.CreditsSettled, org).length === 1, 10_000, 'credits.settled');
    expect(eventsOf(h, Subjects.Billing.CreditsSettled, org)[0]!.data).toMatchObject({ reservationId: r.reservationId, reservedAmount: 15, chargedAmount: units / 10_000, talkSeconds });
  });

  it('charges once when the same call.ended arrives five times (three redeliveries of one event, two re-published)', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 50);
    const callId = randomUUID();
    const r = await reserve(org, callId);
    const first = await publishEnded(h, org, { callId, talkSeconds: 60, reservationId: r.reservationId });
    await publishEnded(h, org, { callId }, first);
    await publishEnded(h, org, { callId }, first);
    await publishEnded(h, org, { callId, talkSeconds: 60, reservationId: r.reservationId });
    await publishEnded(h, org, { callId, talkSeconds: 60, reservationId: r.reservationId });
    await settled(org, callId);
    // A marker call after them on the same stream: once it is settled, all five were handled.
    const marker = randomUUID();
    await publishEnded(h, org, { callId: marker, reason: 'busy' });
    await settled(org, marker);
    await waitFor(async () => (await ledgerState(h, org)).debits === 10_000 + 500, 10_000, 'marker posted');
    const posts = await h.db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE organization_id = $1 AND kind = 'post' AND call_id = $2`, [org, callId]);
    expect(posts[0].n).toBe(1);
    const s = await expectBalanced(org);
    expect(s.debits).toBe(10_000 + 500);
    expect(eventsOf(h, Subjects.Billing.CreditsSettled, org).filter((e) => e.data.callId === callId)).toHaveLength(1);
  });

  it('settles many ends at once in shared transactions — five organizations, shuffled, each twice, some before their reservation — each once and exactly', async () => {
    const orgs = Array.from({ length: 5 }, () => newOrg());
    const reserved = new Map<string, string[]>();
    await Promise.all(
      orgs.map(async (org) => {
        await setPlan(h, org, PLAN);
        await grant(h, org, 100);
        const calls = Array.from({ length: 6 }, () => randomUUID());
        // Reserved together: these share group-committed transactions too.
        await Promise.all(calls.map((c) => reserve(org, c, 120)));
        reserved.set(org, calls);
      }),
    );
    const unreserved = new Map(orgs.map((org) => [org, [randomUUID(), randomUUID()]]));
    const ends = orgs.flatMap((org) => [...reserved.get(org)!, ...unreserved.get(org)!].map((callId) => ({ org, callId })));
    // Shuffled across organizations, and every end published twice (a re-published event: another id).
    const order = [...ends, ...ends].map((e, i) => ({ e, k: (i * 7919) % 97 })).sort((a, b) => a.k - b.k).map((x) => x.e);
    await Promise.all(order.map(({ org, callId }) => publishEnded(h, org, { callId, talkSeconds: 60 })));
    for (const { org, callId } of ends) await expect(settled(org, callId)).resolves.toMatchObject({ charged: 10_000, shortfall: 0 });
    const shared = await h.db.query(`SELECT count(*)::int AS rows, count(DISTINCT xmin::text)::int AS transactions FROM settlements WHERE organization_id = ANY($1::uuid[])`, [orgs]);
    expect(shared[0].rows).toBe(40);
    expect(shared[0].transactions).toBeLessThan(40);
    for (const org of orgs) {
      const s = await expectBalanced(org);
      expect({ debits: s.debits, pending: s.pending }).toEqual({ debits: 8 * 10_000, pending: 0 });
      const posts = await h.db.query(`SELECT call_id FROM ledger_entries WHERE organization_id = $1 AND kind = 'post' GROUP BY call_id HAVING count(*) > 1`, [org]);
      expect(posts).toEqual([]);
      await waitFor(() => eventsOf(h, Subjects.Billing.CreditsSettled, org).length >= 6, 10_000, 'credits.settled');
      expect(eventsOf(h, Subjects.Billing.CreditsSettled, org).map((e) => e.data.callId).sort()).toEqual([...reserved.get(org)!].sort());
      // An end that came before its reservation: the reservation is refused, nothing is held.
      await expect(reserve(org, unreserved.get(org)![0]!).catch(codeOf)).resolves.toBe('RESERVATION_ALREADY_SETTLED');
    }
  });

  it('settles a call.ended that came before any reservation, and then refuses to hold credit for it', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 20);
    const callId = randomUUID();
    await publishEnded(h, org, { callId, talkSeconds: 60 });
    await expect(settled(org, callId)).resolves.toMatchObject({ charged: 10_000, shortfall: 0 });
    await expect(reserve(org, callId).catch(codeOf)).resolves.toBe('RESERVATION_ALREADY_SETTLED');
    const s = await expectBalanced(org);
    expect({ balance: s.credits - s.debits, pending: s.pending }).toEqual({ balance: 190_000, pending: 0 });
  });

  it('is idempotent on (call, attempt): a retried reservation gets the same hold; another attempt gets its own', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 100);
    const callId = randomUUID();
    const a = await reserve(org, callId);
    const b = await reserve(org, callId);
    expect(b.reservationId).toBe(a.reservationId);
    const c = await reserve(org, callId, 600, 2);
    expect(c.reservationId).not.toBe(a.reservationId);
    const s = await expectBalanced(org);
    expect(s.pending).toBe(2 * 150_000);
  });

  it('refuses INSUFFICIENT_CREDITS below the minimum, below the hold, and without an account — holding nothing', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await expect(reserve(org, randomUUID()).catch(codeOf)).resolves.toBe('INSUFFICIENT_CREDITS'); // no account yet
    await grant(h, org, 12);
    await expect(reserve(org, randomUUID(), 600).catch(codeOf)).resolves.toBe('INSUFFICIENT_CREDITS'); // 12 < hold of 15
    await expect(reserve(org, randomUUID(), 60)).resolves.toMatchObject({ amount: 1.5, availableAfter: 10.5 });
    await expect(reserve(org, randomUUID(), 60)).resolves.toMatchObject({ availableAfter: 9 });
    await expect(reserve(org, randomUUID(), 60).catch(codeOf)).resolves.toBe('INSUFFICIENT_CREDITS'); // 9 < minimum of 10
    const s = await expectBalanced(org);
    expect(s.pending).toBe(30_000);
    expect(await h.db.query(`SELECT count(*)::int AS n FROM reservations WHERE organization_id = $1`, [org])).toEqual([{ n: 2 }]);
    // The rule itself is the database's: no statement, whoever writes it, can hold more than is there.
    await expect(h.db.query(`UPDATE accounts SET pending_debits = pending_debits + 90001 WHERE organization_id = $1`, [org])).rejects.toThrow(/accounts_available_not_negative/);
    await expect(h.db.query(`UPDATE accounts SET pending_debits = pending_debits + 90000 WHERE organization_id = $1`, [org])).resolves.toBeDefined();
  });

  it('uses the minimum from the organization settings projection', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await publishOrganization(h, org, 1);
    await waitFor(async () => (await h.app.get(BalanceWatch).minimumOf(org)) === 10_000, 15_000, 'settings applied');
    await grant(h, org, 3);
    await expect(reserve(org, randomUUID(), 60)).resolves.toMatchObject({ availableAfter: 1.5 });
    await expect(h.rpc.request(Rpc.Billing.BalanceGet, { organizationId: org })).resolves.toMatchObject({ minCreditsToStart: 1, reserved: 1.5 });
  });

  it('expires an unresolved reservation with its entry, and a settlement after expiry still posts, recorded as late', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 30);
    const callId = randomUUID();
    const r = await reserve(org, callId, 1); // expires 1 s + 1 s grace from now
    await new Promise((ok) => setTimeout(ok, 2_200));
    const sweeper = h.app.get(ExpireReservationsUseCase);
    await expect(sweeper.execute()).resolves.toBeGreaterThanOrEqual(1);
    await expect(sweeper.execute()).resolves.toBe(0);
    let s = await expectBalanced(org);
    expect(s.pending).toBe(0);
    await waitFor(() => eventsOf(h, Subjects.Billing.CreditsReleased, org).length === 1, 10_000, 'credits.released');
    expect(eventsOf(h, Subjects.Billing.CreditsReleased, org)[0]!.data).toMatchObject({ reservationId: r.reservationId, reason: 'expired', amount: r.amount });
    await publishEnded(h, org, { callId, talkSeconds: 120, reservationId: r.reservationId });
    await expect(settled(org, callId)).resolves.toMatchObject({ charged: 20_000, late: true, shortfall: 0 });
    s = await expectBalanced(org);
    expect(s.credits - s.debits).toBe(300_000 - 20_000);
    const kinds = await h.db.query(`SELECT kind FROM ledger_entries WHERE organization_id = $1 AND call_id = $2 ORDER BY created_at`, [org, callId]);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['reservation', 'expiry', 'post']);
  });

  it('caps a settlement at its hold and records the excess as shortfall; a late one is capped at what is available', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 40);
    const callId = randomUUID();
    const r = await reserve(org, callId, 60); // holds 1.5 credits (60 s talk + 60 s forwarding)
    await publishEnded(h, org, { callId, talkSeconds: 600, reservationId: r.reservationId });
    await expect(settled(org, callId)).resolves.toMatchObject({ charged: 15_000, shortfall: 100_000 - 15_000, cost: 100_000 });
    const unknown = randomUUID();
    await publishEnded(h, org, { callId: unknown, talkSeconds: 3_000 }); // 50 credits, 38.5 available
    await expect(settled(org, unknown)).resolves.toMatchObject({ charged: 385_000, shortfall: 500_000 - 385_000 });
    const s = await expectBalanced(org);
    expect(s.credits - s.debits - s.pending).toBe(0);
  });

  it('warns low and exhausted once per crossing, and again after a top-up re-arms them', async () => {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 60);
    await h.rpc.request(Rpc.Billing.SettingsUpdate, { organizationId: org, lowBalanceThreshold: 50 });
    const spend = async (minutes: number) => {
      const callId = randomUUID();
      await publishEnded(h, org, { callId, talkSeconds: minutes * 60 });
      await settled(org, callId);
    };
    for (const m of [15, 15, 15, 15]) await spend(m); // 45 (low), 30, 15, 0 (exhausted)
    await grant(h, org, 100); // 100: both re-armed
    await spend(55); // 45: low again
    await spend(5); // 40
    await spend(35); // 5: exhausted again
    await waitFor(() => eventsOf(h, Subjects.Billing.BalanceExhausted, org).length === 2, 10_000, 'two exhaustions');
    await new Promise((ok) => setTimeout(ok, 300));
    expect(eventsOf(h, Subjects.Billing.BalanceLow, org).map((e) => e.data)).toEqual([
      { organizationId: org, balance: 45, threshold: 50 },
      { organizationId: org, balance: 45, threshold: 50 },
    ]);
    expect(eventsOf(h, Subjects.Billing.BalanceExhausted, org).map((e) => e.data)).toEqual([
      { organizationId: org, balance: 0, minCreditsToStart: 10 },
      { organizationId: org, balance: 5, minCreditsToStart: 10 },
    ]);
  });
});
