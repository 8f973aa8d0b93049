import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type { EndReasonCode } from '@santral/call-state';
import { makeEnvelope, type DialerCallEndedV1 } from '@santral/contracts';
import { TransactionRunner, type OrgId } from '@santral/persistence';
import { testEnv } from '@santral/testing';
import { verifyLedger } from '../src/ledger/verify-ledger';
import { ExpireReservationsUseCase } from '../src/reservations/expire-reservations.use-case';
import { ReserveCreditsUseCase } from '../src/reservations/reserve-credits.use-case';
import { SettleCallUseCase } from '../src/reservations/settle-call.use-case';
import { endedEvent, grant, newOrg, setPlan, startBilling, type BillingHarness } from './billing-harness';

jest.setTimeout(300_000);

const PLAN = { ratePerMinute: 10_000, incrementSeconds: 6, firstIncrementSeconds: 30, unconnectedAttemptCharge: 500, forwardingRatePerMinute: 5_000, countryRates: {} };
const REASONS: EndReasonCode[] = ['completed', 'customer_hung_up', 'no_answer', 'busy', 'provider_error', 'transfer_failed', 'cancelled_by_user'];
const CALLS = 6;

type Action =
  | { t: 'reserve'; call: number; seconds: number }
  | { t: 'settle'; call: number; talk: number; forwarded: number; reason: EndReasonCode }
  | { t: 'redeliver'; call: number }
  | { t: 'expire'; call: number }
  | { t: 'topup'; credits: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('reserve' as const), call: fc.nat(CALLS - 1), seconds: fc.integer({ min: 1, max: 900 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('settle' as const), call: fc.nat(CALLS - 1), talk: fc.integer({ min: 0, max: 1200 }), forwarded: fc.integer({ min: 0, max: 120 }), reason: fc.constantFrom(...REASONS) }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('redeliver' as const), call: fc.nat(CALLS - 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('expire' as const), call: fc.nat(CALLS - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('topup' as const), credits: fc.integer({ min: 1, max: 40 }) }) },
);

// DESIGN §8.4 as a property: over random interleavings (actions run three at a time, concurrently)
// of reserve, settle, expire, top-up and redelivery, against the real Postgres: balance = sum of
// entries, no call attempt settles twice, and the available balance never goes below zero.
/** One delivery of a call.ended, as the consumer hands it to the settlement. */
const delivered = (e: DialerCallEndedV1) => [{ data: e, envelope: makeEnvelope({ type: 'dialer.call.ended.v1', source: 'santral/test', orgid: e.organizationId, subject: e.callId, data: e }) }];

describe('billing ledger property (fast-check, real Postgres)', () => {
  let h: BillingHarness;

  beforeAll(async () => {
    h = await startBilling();
  });
  afterAll(async () => h?.close());

  async function run(org: OrgId, calls: string[], a: Action, ended: Map<number, DialerCallEndedV1>, applied: number[]): Promise<void> {
    const reserve = h.app.get(ReserveCreditsUseCase);
    const settle = h.app.get(SettleCallUseCase);
    const tx = h.app.get(TransactionRunner);
    const swallow = (e: { code?: string }) => {
      if (!['INSUFFICIENT_CREDITS', 'RESERVATION_ALREADY_SETTLED'].includes(e.code ?? '')) throw e;
    };
    switch (a.t) {
      case 'reserve':
        await reserve.execute({ organizationId: org, callId: calls[a.call]!, attempt: 1, estimatedSeconds: a.seconds }).catch(swallow);
        return;
      case 'settle': {
        const e = ended.get(a.call) ?? endedEvent(org, { callId: calls[a.call]!, reason: a.reason, talkSeconds: a.reason === 'completed' || a.reason === 'customer_hung_up' || a.reason === 'transfer_failed' ? a.talk : 0, forwardedSeconds: a.reason === 'transfer_failed' ? a.forwarded : 0 });
        ended.set(a.call, e);
        if (await tx.run((m) => settle.execute(delivered(e), m))) applied[a.call]!++;
        return;
      }
      case 'redeliver': {
        const e = ended.get(a.call);
        // Concurrent with its first delivery either may be the one that settles; exactly one does (checked
        // below). Twice in one batch, too: a batch settles an attempt once.
        if (e && (await tx.run((m) => settle.execute([...delivered(e), ...delivered(e)], m)))) applied[a.call]!++;
        return;
      }
      case 'expire':
        await h.db.query(`UPDATE reservations SET expires_at = clock_timestamp() - interval '1 second' WHERE organization_id = $1 AND call_id = $2 AND state = 'pending'`, [org, calls[a.call]]);
        await h.app.get(ExpireReservationsUseCase).execute();
        return;
      case 'topup':
        await grant(h, org, a.credits);
        return;
    }
  }

  it('keeps balance = sum of entries, settles nothing twice, never lets available go below zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.array(action, { minLength: 5, maxLength: 30 }), async (initial, actions) => {
        const org = newOrg();
        await setPlan(h, org, PLAN);
        if (initial > 0) await grant(h, org, initial);
        const calls = Array.from({ length: CALLS }, () => randomUUID());
        const ended = new Map<number, DialerCallEndedV1>();
        const applied = calls.map(() => 0);
        for (let i = 0; i < actions.length; i += 3) {
          await Promise.all(actions.slice(i, i + 3).map((a) => run(org, calls, a, ended, applied)));
          const [acc] = await h.db.query(`SELECT (posted_credits - posted_debits - pending_debits)::bigint AS available FROM accounts WHERE organization_id = $1`, [org]);
          if (acc) expect(Number(acc.available)).toBeGreaterThanOrEqual(0);
        }
        const { mismatches } = await verifyLedger(h.db);
        expect(mismatches).toEqual([]);
        const settlements = await h.db.query(`SELECT count(*)::int AS n FROM settlements WHERE organization_id = $1`, [org]);
        expect(settlements[0].n).toBe(ended.size);
        expect(applied).toEqual(calls.map((_c, i) => (ended.has(i) ? 1 : 0)));
        const twice = await h.db.query(`SELECT call_id FROM ledger_entries WHERE organization_id = $1 AND kind = 'post' GROUP BY call_id HAVING count(*) > 1`, [org]);
        expect(twice).toEqual([]);
      }),
      { numRuns: 30, seed: 20261201 },
    );
  });

  it('billing:verify finds nothing on a consistent ledger and exits 1 on a tampered account', async () => {
    const script = resolve(__dirname, '../../../scripts/billing-verify.ts');
    const tsx = resolve(__dirname, '../../../node_modules/.bin/tsx');
    const env = { ...process.env, DATABASE_URL: testEnv.databaseUrl, DB_SCHEMA: h.schema };
    const ok = await promisify(execFile)(tsx, [script], { env });
    expect(ok.stdout).toMatch(/account\(s\) checked, 0 mismatch\(es\)/);
    const org = newOrg();
    await grant(h, org, 10);
    await h.db.query(`UPDATE accounts SET posted_credits = posted_credits + 1 WHERE organization_id = $1`, [org]);
    const bad = await promisify(execFile)(tsx, [script], { env }).catch((e: { code: number; stdout: string }) => e);
    expect(bad).toMatchObject({ code: 1, stdout: expect.stringContaining(`MISMATCH ${org}: posted credits: account 100001, entries 100000`) });
    await expect(h.db.query(`UPDATE ledger_entries SET amount = 0 WHERE organization_id = $1`, [org])).rejects.toThrow(/append-only/);
  });
});
