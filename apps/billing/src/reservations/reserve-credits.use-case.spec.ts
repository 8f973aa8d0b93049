import { DomainError } from '@santral/contracts';
import type { EventPublisher } from '@santral/messaging';
import type { OrgId, TransactionRunner, Tx } from '@santral/persistence';
import type { BillingConfig } from '../config';
import type { Account } from '../ledger/account';
import type { BalanceWatch } from '../ledger/balance-watch';
import type { BatchEntry, LedgerRepository } from '../ledger/ledger.repository';
import { DEFAULT_PRICE_PLAN, type PricePlan } from '../pricing/price-plan';
import type { PricePlansRepository } from '../pricing/price-plans.repository';
import { ReserveCreditsUseCase } from './reserve-credits.use-case';
import type { AttemptKey, Reservation, ReservationsRepository } from './reservations.repository';

const ORG = '0190aaaa-0000-7000-8000-000000000001';
const CALL = '0190aaaa-0000-7000-8000-000000000002';
const PLAN: PricePlan = { ...DEFAULT_PRICE_PLAN, ratePerMinute: 10_000, incrementSeconds: 60, firstIncrementSeconds: 0, forwardingRatePerMinute: 0 };

/** In-memory fakes of the use case's ports; the balance rule is checked as the accounts CHECK would. */
function world(credits: number, opts: { settled?: boolean; minimum?: number } = {}) {
  const account: Account = {
    organizationId: ORG, postedCredits: credits, postedDebits: 0, pendingDebits: 0, lowBalanceThreshold: 0, autoRechargeEnabled: false, autoRechargeThreshold: 0,
    autoRechargeAmount: 0, stripeCustomerId: null, stripePaymentMethodId: null, lowWarned: false, exhausted: false, rechargeArmed: true,
  };
  const reservations = new Map<string, Reservation>();
  const entries: BatchEntry[] = [];
  const published: unknown[] = [];
  const transactions: number[] = [];
  // One transaction at a time, as the account row's lock makes them for one organization.
  let lock: Promise<unknown> = Promise.resolve();
  const tx = {
    run: <T>(work: (t: Tx) => Promise<T>) => {
      const next = lock.then(() => {
        transactions.push(1);
        return work({} as Tx);
      });
      lock = next.catch(() => undefined);
      return next;
    },
  } as TransactionRunner;
  const repo = {
    statesOf: async (keys: AttemptKey[]) => keys.map((k) => ({ reservation: reservations.get(`${k.callId}:${k.attempt}`) ?? null, settled: opts.settled ?? false })),
    insertMany: async (rows: Array<AttemptKey & { id: string; amount: number }>) => {
      const made = new Map<string, Date>();
      for (const r of rows) {
        const key = `${r.callId}:${r.attempt}`;
        if (reservations.has(key)) continue;
        const expiresAt = new Date('2026-12-01T12:00:00Z');
        reservations.set(key, { id: r.id, organizationId: ORG, callId: r.callId, attempt: r.attempt, amount: r.amount, state: 'pending', expiresAt });
        made.set(r.id, expiresAt);
      }
      return made;
    },
  } as unknown as ReservationsRepository;
  const ledger = {
    lockMany: async () => new Map([[ORG as OrgId, { ...account }]]),
    appendMany: async (es: BatchEntry[]) => {
      const pending = es.reduce((n, e) => n + (e.pendingDelta ?? 0), 0);
      if (account.postedCredits - account.postedDebits - account.pendingDebits - pending < 0) throw new DomainError('INSUFFICIENT_CREDITS', 'check');
      account.pendingDebits += pending;
      entries.push(...es);
      return { accounts: new Map([[ORG as OrgId, { ...account }]]), entryIds: es.map((_e, i) => `e${i}`) };
    },
  } as unknown as LedgerRepository;
  const plans = { getMany: async (orgs: OrgId[]) => new Map(orgs.map((o) => [o, PLAN])) } as unknown as PricePlansRepository;
  const watch = { minimumsOf: async (orgs: OrgId[]) => new Map(orgs.map((o) => [o, opts.minimum ?? 100_000])) } as unknown as BalanceWatch;
  const publisher = { publishMany: async (events: Array<{ data: unknown }>) => void published.push(...events.map((e) => e.data)) } as unknown as EventPublisher;
  const useCase = new ReserveCreditsUseCase(tx, repo, ledger, plans, watch, publisher, { RESERVATION_GRACE_SECONDS: 300 } as BillingConfig);
  return { useCase, account, entries, published, reservations, transactions };
}

const request = (estimatedSeconds = 600, attempt = 1, callId = CALL) => ({ organizationId: ORG, callId, attempt, estimatedSeconds });
const call = (n: number) => `0190aaaa-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('ReserveCreditsUseCase (H1)', () => {
  it('holds price × maximum minutes as a pending debit and announces it', async () => {
    const w = world(1_000_000);
    await expect(w.useCase.execute(request(600))).resolves.toMatchObject({ amount: 10, availableAfter: 90, expiresAt: '2026-12-01T12:00:00.000Z' });
    expect(w.entries).toEqual([expect.objectContaining({ kind: 'reservation', idempotencyKey: `reserve:${CALL}:1`, amount: 100_000, pendingDelta: 100_000 })]);
    expect(w.published).toEqual([expect.objectContaining({ callId: CALL, attempt: 1, amount: 10, availableAfter: 90 })]);
  });

  it('answers a retry with the same reservation and holds nothing more', async () => {
    const w = world(1_000_000);
    const first = await w.useCase.execute(request());
    await expect(w.useCase.execute(request())).resolves.toMatchObject({ reservationId: first.reservationId, amount: 10 });
    expect(w.account.pendingDebits).toBe(100_000);
    expect(w.entries).toHaveLength(1);
  });

  it.each([
    ['below the minimum', 150_000, 600, 200_000],
    ['below the hold', 150_000, 1200, 100_000],
  ])('refuses INSUFFICIENT_CREDITS %s', async (_what, credits, seconds, minimum) => {
    const w = world(credits, { minimum });
    await expect(w.useCase.execute(request(seconds))).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    expect(w.account.pendingDebits).toBe(0);
  });

  it('holds exactly at the minimum', async () => {
    const w = world(100_000, { minimum: 100_000 });
    await expect(w.useCase.execute(request(600))).resolves.toMatchObject({ availableAfter: 0 });
  });

  it('refuses RESERVATION_ALREADY_SETTLED for an attempt whose call.ended came first', async () => {
    const w = world(1_000_000, { settled: true });
    await expect(w.useCase.execute(request())).rejects.toMatchObject({ code: 'RESERVATION_ALREADY_SETTLED' });
    expect(w.entries).toEqual([]);
  });

  describe('group commit', () => {
    it('writes the requests that arrive together in one transaction, each decided after the ones before it', async () => {
      // 35 credits, 10 per call, minimum 10: three holds fit, then 5 are left, below the minimum.
      const w = world(350_000);
      const outcomes = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => w.useCase.execute(request(600, 1, call(n)))));
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.availableAfter : (o.reason as DomainError).code))).toEqual([
        25, 15, 5, 'INSUFFICIENT_CREDITS', 'INSUFFICIENT_CREDITS', 'INSUFFICIENT_CREDITS',
      ]);
      expect(w.account.pendingDebits).toBe(300_000);
      expect(w.published).toHaveLength(3);
      // The first two went alone (nothing was waiting; two transactions may be in flight); the other
      // four shared the third.
      expect(w.transactions).toHaveLength(3);
    });

    it('answers the same attempt twice in one batch with one reservation', async () => {
      const w = world(1_000_000);
      const [, a, b] = await Promise.all([w.useCase.execute(request(600, 1, call(9))), w.useCase.execute(request()), w.useCase.execute(request())]);
      expect(a.reservationId).toBe(b.reservationId);
      expect(w.entries.filter((e) => e.callId === CALL)).toHaveLength(1);
    });

    it('tries each request alone when the shared transaction fails, so one cannot fail the others', async () => {
      const w = world(1_000_000);
      let failures = 1;
      const run = w.useCase['tx'].run.bind(w.useCase['tx']);
      (w.useCase as unknown as { tx: TransactionRunner }).tx = {
        run: async <T>(work: (t: Tx) => Promise<T>) => {
          const r = await run(work);
          if (w.transactions.length === 3 && failures-- > 0) throw new Error('serialization failure');
          return r;
        },
      } as TransactionRunner;
      const all = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => w.useCase.execute(request(600, 1, call(n)))));
      expect(all.map((r) => r.amount)).toEqual([10, 10, 10, 10, 10, 10]);
      // 1 and 2 alone, then 3–6 together (failed), then each of those four alone.
      expect(w.transactions).toHaveLength(7);
    });
  });
});
