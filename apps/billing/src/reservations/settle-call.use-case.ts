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

type Claimed = AttemptKey & { call: EndedCall; record: SettlementRecord };
type Announced = { c: Claimed; reservationId: string; entryIndex: number; held: number; charged: number; balance: number };

/**
 * Settles ended call attempts exactly once each (H2, H6, invariant 4), in the inbox transaction of
 * their dialer.call.ended.v1 — many of them together under load, in a few statements: the
 * settlement rows are claimed first, so any redelivery — the same event or a re-published one — is
 * a no-op. With its pending reservation: post the cost (never more than the hold; any excess is
 * recorded as shortfall) and release the rest. After the sweeper expired the hold (`late`) or with
 * no hold at all (`unreserved`: the call ended before, or without, a reservation): the call
 * happened, so the cost is posted as far as the available balance goes and the rest recorded as
 * shortfall — the balance rule is never broken. Locks in one order (settlements, reservations,
 * accounts, each sorted), as every other writer of them does, so concurrent batches never deadlock.
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
      .map((call) => ({ call, orgId: asOrgId(call.data.organizationId), key: attemptKey(call.data.organizationId, call.data.callId, call.data.attempt) }))
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
    const claimedKeys = await this.reservations.claimSettlements(records, tx);
    const claimed: Claimed[] = [];
    sorted.forEach((s, i) => {
      // One delivery of an attempt settles it; a second in the same batch is a redelivery.
      if (claimedKeys.delete(s.key)) claimed.push({ orgId: s.orgId, callId: s.call.data.callId, attempt: s.call.data.attempt, call: s.call, record: records[i]! });
    });
    if (claimed.length === 0) return 0;
    const reservations = await this.reservations.lockForSettlement(claimed, tx);
    const settledOrgs = [...new Set(claimed.map((c) => c.orgId))];
    const [accounts, minimums] = await Promise.all([this.ledger.lockMany(settledOrgs, tx), this.watch.minimumsOf(settledOrgs, tx)]);
    const entries: BatchEntry[] = [];
    const charges: Parameters<ReservationsRepository['recordCharges']>[0][number][] = [];
    const posted: Array<{ orgId: OrgId; id: string }> = [];
    const announced: Announced[] = [];
    for (const c of claimed) {
      const reservation = reservations.get(attemptKey(c.orgId, c.callId, c.attempt)) ?? null;
      const basis: Basis = !reservation ? 'unreserved' : reservation.state === 'pending' ? 'reserved' : 'late';
      const account = accounts.get(c.orgId);
      const cost = c.record.cost;
      const charge = { orgId: c.orgId, callId: c.callId, attempt: c.attempt, late: basis === 'late', reservationId: reservation?.id ?? null };
      if (!account) {
        // No account was ever opened: nothing to charge from; the settlement row records the cost.
        charges.push({ ...charge, charged: 0, shortfall: cost });
        continue;
      }
      const held = basis === 'reserved' ? reservation!.amount : 0;
      const cap = basis === 'reserved' ? held : availableOf(account);
      const charged = Math.min(cost, cap);
      const shortfall = cost - charged;
      charges.push({ ...charge, charged, shortfall });
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
    const after = await this.ledger.appendMany(entries, tx);
    await this.reservations.markPosted(posted, tx);
    await this.reservations.recordCharges(charges, tx);
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
