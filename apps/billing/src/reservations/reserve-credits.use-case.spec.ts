import { DomainError } from '@santral/contracts';
import type { EventPublisher } from '@santral/messaging';
import type { OrgId, TransactionRunner, Tx } from '@santral/persistence';
import type { BillingConfig } from '../config';
import type { Account, NewEntry } from '../ledger/account';
import type { BalanceWatch } from '../ledger/balance-watch';
import type { LedgerRepository } from '../ledger/ledger.repository';
import { DEFAULT_PRICE_PLAN, type PricePlan } from '../pricing/price-plan';
import type { PricePlansRepository } from '../pricing/price-plans.repository';
import { ReserveCreditsUseCase } from './reserve-credits.use-case';
import type { Reservation, ReservationsRepository } from './reservations.repository';

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
  const entries: NewEntry[] = [];
  const published: unknown[] = [];
  const tx = { run: async <T>(work: (t: Tx) => Promise<T>) => work({} as Tx) } as TransactionRunner;
  const repo = {
    insert: async (_o: OrgId, r: { id: string; callId: string; attempt: number; amount: number }) => {
      const key = `${r.callId}:${r.attempt}`;
      if (reservations.has(key)) return null;
      const made: Reservation = { id: r.id, organizationId: ORG, callId: r.callId, attempt: r.attempt, amount: r.amount, state: 'pending', expiresAt: new Date('2026-12-01T12:00:00Z') };
      reservations.set(key, made);
      return made;
    },
    settled: async () => opts.settled ?? false,
    findByCall: async (_o: OrgId, callId: string, attempt: number) => reservations.get(`${callId}:${attempt}`) ?? null,
  } as unknown as ReservationsRepository;
  const ledger = {
    lock: async () => ({ ...account }),
    find: async () => ({ ...account }),
    append: async (_o: OrgId, e: NewEntry) => {
      if (account.postedCredits - account.postedDebits - account.pendingDebits - (e.pendingDelta ?? 0) < 0) throw new DomainError('INSUFFICIENT_CREDITS', 'check');
      account.pendingDebits += e.pendingDelta ?? 0;
      entries.push(e);
      return { account: { ...account }, entryId: 'e' };
    },
  } as unknown as LedgerRepository;
  const plans = { get: async () => PLAN } as unknown as PricePlansRepository;
  const watch = { minimumOf: async () => opts.minimum ?? 100_000 } as unknown as BalanceWatch;
  const publisher = { publish: async (_s: string, data: unknown) => void published.push(data) } as unknown as EventPublisher;
  const useCase = new ReserveCreditsUseCase(tx, repo, ledger, plans, watch, publisher, { RESERVATION_GRACE_SECONDS: 300 } as BillingConfig);
  return { useCase, account, entries, published, reservations };
}

const request = (estimatedSeconds = 600, attempt = 1) => ({ organizationId: ORG, callId: CALL, attempt, estimatedSeconds });

describe('ReserveCreditsUseCase (H1)', () => {
  it('holds price × maximum minutes as a pending debit and announces it', async () => {
    const w = world(1_000_000);
    await expect(w.useCase.execute(request(600))).resolves.toMatchObject({ amount: 10, availableAfter: 90 });
    expect(w.entries).toEqual([expect.objectContaining({ kind: 'reservation', idempotencyKey: `reserve:${CALL}:1`, amount: 100_000, pendingDelta: 100_000 })]);
    expect(w.published).toHaveLength(1);
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
});
