import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, Subjects, type ReserveCreditsReply, type ReserveCreditsRequest } from '@santral/contracts';
import { currentEventContext, EventPublisher, type OutgoingEvent } from '@santral/messaging';
import { asOrgId, GroupCommit, TransactionRunner, type BatchOutcome, type OrgId } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { BillingConfig } from '../config';
import { availableOf } from '../ledger/account';
import { BalanceWatch } from '../ledger/balance-watch';
import { LedgerRepository, type BatchEntry } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';
import { reservationAmount } from '../pricing/call-cost';
import { destinationCountry } from '../pricing/destination-country';
import { PricePlansRepository } from '../pricing/price-plans.repository';
import { attemptKey, ReservationsRepository } from './reservations.repository';

/** The most reservations one transaction takes, and the transactions in flight at once (group commit). */
const MAX_BATCH = 128;
const CONCURRENT_BATCHES = 2;

type Outcome = BatchOutcome<ReserveCreditsReply>;
type Request = ReserveCreditsRequest & { context: ReturnType<typeof currentEventContext> };

/**
 * rpc.billing.credits.reserve (H1): holds price × maximum call minutes as a pending debit before the
 * dialer dials. Idempotent on (call, attempt): a retry gets the same reservation. Refused with
 * INSUFFICIENT_CREDITS when the available balance is below the organization's minimum, or below
 * the hold — decided under the account row's lock, step by step, and enforced again by the
 * accounts CHECK, so concurrent reservations can never take the available balance below zero. An
 * attempt already settled (its call.ended came first) gets RESERVATION_ALREADY_SETTLED and holds
 * nothing.
 *
 * Group commit: the requests that arrive while a transaction is being written share the next one
 * (one lock of each account, one statement per table, one commit), so a hot organization's
 * reservations do not queue one transaction at a time behind its row lock. Each request still gets
 * its own answer; if the shared transaction fails as a whole, each request is tried alone.
 */
@Injectable()
export class ReserveCreditsUseCase {
  private readonly batches: GroupCommit<Request, ReserveCreditsReply>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly reservations: ReservationsRepository,
    private readonly ledger: LedgerRepository,
    private readonly plans: PricePlansRepository,
    private readonly watch: BalanceWatch,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
  ) {
    this.batches = new GroupCommit((requests) => this.reserveAll(requests), { maxBatch: MAX_BATCH, concurrency: CONCURRENT_BATCHES });
  }

  execute(input: ReserveCreditsRequest): Promise<ReserveCreditsReply> {
    // The caller's correlation, kept for the event it causes (the batch runs in one caller's context).
    return this.batches.submit({ ...input, context: currentEventContext() });
  }

  private async reserveAll(requests: Request[]): Promise<Outcome[]> {
    try {
      return await this.reserveTogether(requests);
    } catch (error) {
      if (requests.length === 1) return [{ ok: false, error }];
      // Not one request's refusal (those are answers): the transaction failed. Each alone, so one
      // request that breaks it cannot fail the others.
      return Promise.all(requests.map((r) => this.reserveTogether([r]).then(([o]) => o!, (e: unknown) => ({ ok: false as const, error: e }))));
    }
  }

  /** One transaction for all of them: lock the accounts, read the attempts, decide each in order, write. */
  private async reserveTogether(requests: Request[]): Promise<Outcome[]> {
    const orgIds = [...new Set(requests.map((r) => asOrgId(r.organizationId)))];
    const [plans, minimums] = await Promise.all([this.plans.getMany(orgIds), this.watch.minimumsOf(orgIds)]);
    return this.tx.run(async (tx) => {
      const accounts = await this.ledger.lockMany(orgIds, tx);
      const keys = requests.map((r) => ({ orgId: asOrgId(r.organizationId), callId: r.callId, attempt: r.attempt }));
      const states = await this.reservations.statesOf(keys, tx);
      const outcomes: Outcome[] = [];
      const firstOf = new Map<string, number>();
      const held: Array<{ index: number; orgId: OrgId; id: string; callId: string; attempt: number; amount: number; ttlSeconds: number }> = [];
      requests.forEach((r, i) => {
        const orgId = keys[i]!.orgId;
        const key = attemptKey(orgId, r.callId, r.attempt);
        const first = firstOf.get(key);
        if (first !== undefined) {
          // The same attempt twice in one batch (a retry that overtook its answer): the same answer.
          outcomes[i] = outcomes[first]!;
          return;
        }
        firstOf.set(key, i);
        const account = accounts.get(orgId);
        const { reservation, settled } = states[i]!;
        if (reservation) {
          outcomes[i] =
            reservation.state !== 'pending'
              ? { ok: false, error: new DomainError('RESERVATION_ALREADY_SETTLED', `This call attempt's reservation is ${reservation.state}`) }
              : { ok: true, value: { reservationId: reservation.id, amount: toCredits(reservation.amount), availableAfter: toCredits(account ? availableOf(account) : 0), expiresAt: reservation.expiresAt.toISOString() } };
          return;
        }
        if (settled) {
          outcomes[i] = { ok: false, error: new DomainError('RESERVATION_ALREADY_SETTLED', 'This call attempt has ended and was settled already') };
          return;
        }
        const minimum = minimums.get(orgId)!;
        const amount = reservationAmount(plans.get(orgId)!, r.estimatedSeconds, destinationCountry(r.to));
        if (!account || availableOf(account) < minimum) {
          outcomes[i] = { ok: false, error: new DomainError('INSUFFICIENT_CREDITS', `The available balance is below the minimum of ${toCredits(minimum)} credits to start a call`) };
          return;
        }
        if (availableOf(account) < amount) {
          outcomes[i] = { ok: false, error: new DomainError('INSUFFICIENT_CREDITS', `The available balance does not cover the ${toCredits(amount)} credits this call may cost`) };
          return;
        }
        // Under the lock, so exact for the next request of the batch too; the CHECK enforces the same rule.
        account.pendingDebits += amount;
        const id = uuidv7();
        held.push({ index: i, orgId, id, callId: r.callId, attempt: r.attempt, amount, ttlSeconds: r.estimatedSeconds + this.config.RESERVATION_GRACE_SECONDS });
        outcomes[i] = { ok: true, value: { reservationId: id, amount: toCredits(amount), availableAfter: toCredits(availableOf(account)), expiresAt: '' } };
      });
      if (held.length === 0) return outcomes;
      const expiries = await this.reservations.insertMany(held, tx);
      // Impossible while every reservation of an organization is made under its account's lock;
      // thrown (the transaction is lost) rather than answered wrong.
      if (expiries.size !== held.length) throw new Error('a reservation of this batch exists already');
      const entries: BatchEntry[] = held.map((h) => ({
        orgId: h.orgId, kind: 'reservation', idempotencyKey: `reserve:${h.callId}:${h.attempt}`, amount: h.amount, pendingDelta: h.amount, reservationId: h.id, callId: h.callId,
      }));
      await this.ledger.appendMany(entries, tx);
      const events: OutgoingEvent[] = held.map((h) => {
        const reply = (outcomes[h.index] as { value: ReserveCreditsReply }).value;
        reply.expiresAt = expiries.get(h.id)!.toISOString();
        const context = requests[h.index]!.context;
        return {
          type: Subjects.Billing.CreditsReserved,
          data: { organizationId: h.orgId, callId: h.callId, attempt: h.attempt, ...reply },
          orgid: h.orgId,
          subject: h.callId,
          ...context,
        };
      });
      await this.publisher.publishMany(events, { manager: tx });
      return outcomes;
    });
  }
}
