import { Injectable, Logger } from '@nestjs/common';
import { Subjects, type DialerCallEndedV1, type EventEnvelope } from '@santral/contracts';
import { childContextOf, EventPublisher, type OutgoingEvent } from '@santral/messaging';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { availableOf, balanceOf, type Account } from '../ledger/account';
import { BalanceWatch } from '../ledger/balance-watch';
import { LedgerRepository, type BatchEntry } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';
import { callCost } from '../pricing/call-cost';
import { destinationCountry } from '../pricing/destination-country';
import { PricePlansRepository } from '../pricing/price-plans.repository';
import { attemptKey, ReservationsRepository, type AttemptKey, type SettlementRecord } from './reservations.repository';

/** How a settlement found its reservation. */
type Basis = 'reserved' | 'late' | 'unreserved';

/** An ended call attempt as it arrived. */
export interface EndedCall {
  data: DialerCallEndedV1;
  envelope: EventEnvelope<DialerCallEndedV1>;
}

type Claimed = AttemptKey & { call: EndedCall; record: SettlementRecord & AttemptKey };
type Announced = { c: Claimed; reservationId: string; entryIndex: number; held: number; charged: number; balance: number };

/**
 * Settles ended call attempts exactly once each (H2, H6, invariant 4), in the inbox transaction of
 * their dialer.call.ended.v1 — many of them together under load, in a few statements: under the
 * locks of their reservations and accounts, an attempt with a settlement row already is a
 * redelivery (the same event or a re-published one) and changes nothing; each other one gets its
 * row with what it charged, in one insert. With its pending reservation: post the cost (never more than the hold; any excess is
 * recorded as shortfall) and release the rest. After the sweeper expired the hold (`late`) or with
 * no hold at all (`unreserved`: the call ended before, or without, a reservation): the call
 * happened, so the cost is posted as far as the available balance goes and the rest recorded as
 * shortfall — the balance rule is never broken. Locks in one order (reservations, then accounts,
 * each sorted), as every other writer of them does, so concurrent batches never deadlock.
 */
@Injectable()
export class SettleCallUseCase {
  private readonly logger = new Logger(SettleCallUseCase.name);

  constructor(
    private readonly reservations: ReservationsRepository,
    private readonly ledger: LedgerRepository,
    private readonly plans: PricePlansRepository,
    private readonly watch: BalanceWatch,
    private readonly publisher: EventPublisher,
  ) {}

  /** Returns how many of them this delivery settled (the others were settled before). */
  async execute(calls: readonly EndedCall[], tx: Tx): Promise<number> {
    if (calls.length === 0) return 0;
    const sorted = [...calls]
      .map((call) => {
        const orgId = asOrgId(call.data.organizationId);
        return { call, orgId, attempt: { orgId, callId: call.data.callId, attempt: call.data.attempt }, key: attemptKey(orgId, call.data.callId, call.data.attempt) };
      })
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const orgIds = [...new Set(sorted.map((s) => s.orgId))];
    const plans = await this.plans.getMany(orgIds, tx);
    const records = sorted.map(({ call: { data: c }, orgId }) => {
      const connected = c.answeredAt !== undefined || c.talkSeconds > 0;
      const cost = callCost(plans.get(orgId)!, { billable: c.endReason.billable, connected, talkSeconds: c.talkSeconds, forwardedSeconds: c.forwardedSeconds, country: destinationCountry(c.to) });
      return {
        orgId, callId: c.callId, attempt: c.attempt, reservationId: null, campaignId: c.campaignId ?? null, endStatus: c.endReason.status,
        connected, talkSeconds: c.talkSeconds, forwardedSeconds: c.forwardedSeconds, cost,
      };
    });
    // Locks first, in the one order every writer of them takes (reservations, then accounts, each
    // sorted): a second settlement of an attempt — a redelivery in another batch or replica — waits
    // here for this one and then finds its settlement row.
    const reservations = await this.reservations.lockForSettlement(sorted.map((s) => s.attempt), tx);
    const [accounts, minimums] = await Promise.all([this.ledger.lockMany(orgIds, tx), this.watch.minimumsOf(orgIds, tx)]);
    const settledBefore = await this.reservations.settledAmong(sorted.map((s) => s.attempt), tx);
    const claimed: Claimed[] = [];
    sorted.forEach((s, i) => {
      // Settled before: a redelivery. Twice in this batch: the first settles it.
      if (settledBefore.has(s.key)) return;
      settledBefore.add(s.key);
      claimed.push({ ...s.attempt, call: s.call, record: records[i]! });
    });
    if (claimed.length === 0) return 0;
    const entries: BatchEntry[] = [];
    const settlements: Array<Claimed['record'] & { charged: number; shortfall: number; late: boolean }> = [];
    const posted: Array<{ orgId: OrgId; id: string }> = [];
    const announced: Announced[] = [];
    for (const c of claimed) {
      const reservation = reservations.get(attemptKey(c.orgId, c.callId, c.attempt)) ?? null;
      const basis: Basis = !reservation ? 'unreserved' : reservation.state === 'pending' ? 'reserved' : 'late';
      const account = accounts.get(c.orgId);
      const cost = c.record.cost;
      const settlement = { ...c.record, late: basis === 'late', reservationId: reservation?.id ?? null };
      if (!account) {
        // No account was ever opened: nothing to charge from; the settlement row records the cost.
        settlements.push({ ...settlement, charged: 0, shortfall: cost });
        continue;
      }
      const held = basis === 'reserved' ? reservation!.amount : 0;
      const cap = basis === 'reserved' ? held : availableOf(account);
      const charged = Math.min(cost, cap);
      const shortfall = cost - charged;
      settlements.push({ ...settlement, charged, shortfall });
      if (held === 0 && charged === 0) continue;
      if (shortfall > 0) this.logger.warn(`call ${c.callId}/${c.attempt}: ${basis} settlement short by ${shortfall} units`);
      const d = c.call.data;
      entries.push({
        orgId: c.orgId,
        kind: 'post',
        idempotencyKey: `post:${c.callId}:${c.attempt}`,
        amount: charged,
        debitsDelta: charged,
        pendingDelta: -held,
        reservationId: reservation?.id ?? null,
        callId: c.callId,
        campaignId: d.campaignId ?? null,
        details: { basis, cost, released: held - charged > 0 ? held - charged : 0, shortfall, endStatus: d.endReason.status, endReason: d.endReason.reason, talkSeconds: d.talkSeconds, forwardedSeconds: d.forwardedSeconds },
      });
      // The account as this entry leaves it, for the next settlement of the batch and its event.
      account.postedDebits += charged;
      account.pendingDebits -= held;
      if (reservation && basis === 'reserved') posted.push({ orgId: c.orgId, id: reservation.id });
      // CreditsSettledV1 names its reservation; an unreserved charge is in the ledger only.
      if (reservation) announced.push({ c, reservationId: reservation.id, entryIndex: entries.length - 1, held, charged, balance: balanceOf(account) });
    }
    // Only an organization without an account is settled without its lock: two settlements of one
    // such attempt can race to here, and the one that loses gives up its transaction (the consumer
    // then retries each event alone, and finds it settled).
    if ((await this.reservations.insertSettlements(settlements, tx)) !== settlements.length) throw new Error('an attempt of this batch was settled meanwhile');
    const after = await this.ledger.appendMany(entries, tx);
    await this.reservations.markPosted(posted, tx);
    await this.announce(announced, after.entryIds, tx);
    for (const [orgId, account] of after.accounts) await this.watch.afterChange(orgId, account, tx, minimums.get(orgId));
    return claimed.length;
  }

  private async announce(announced: Announced[], entryIds: Array<string | null>, tx: Tx): Promise<void> {
    // An entry whose key existed changed nothing: no settlement to announce.
    const events: OutgoingEvent[] = announced.filter((a) => entryIds[a.entryIndex]).map(({ c, reservationId, entryIndex, held, charged, balance }) => ({
      type: Subjects.Billing.CreditsSettled,
      data: {
        organizationId: c.orgId,
        reservationId,
        callId: c.callId,
        ledgerEntryId: entryIds[entryIndex]!,
        reservedAmount: toCredits(held),
        chargedAmount: toCredits(charged),
        talkSeconds: c.call.data.talkSeconds,
        forwardedSeconds: c.call.data.forwardedSeconds,
        balanceAfter: toCredits(balance),
        ...(c.call.data.campaignId ? { campaignId: c.call.data.campaignId } : {}),
      },
      orgid: c.orgId,
      subject: c.callId,
      ...childContextOf(c.call.envelope),
    }));
    if (events.length) await this.publisher.publishMany(events, { manager: tx });
  }
}
