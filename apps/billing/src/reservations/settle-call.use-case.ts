import { Injectable, Logger } from '@nestjs/common';
import { Subjects, type DialerCallEndedV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { availableOf, balanceOf } from '../ledger/account';
import { BalanceWatch } from '../ledger/balance-watch';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';
import { callCost } from '../pricing/call-cost';
import { destinationCountry } from '../pricing/destination-country';
import { PricePlansRepository } from '../pricing/price-plans.repository';
import { ReservationsRepository, type Reservation } from './reservations.repository';

/** How a settlement found its reservation. */
type Basis = 'reserved' | 'late' | 'unreserved';

/**
 * Settles an ended call attempt exactly once (H2, H6, invariant 4), in the inbox transaction of
 * dialer.call.ended.v1: the settlement row is claimed first, so any redelivery — the same event or
 * a re-published one — is a no-op. With its pending reservation: post the cost (never more than
 * the hold; any excess is recorded as shortfall) and release the rest. After the sweeper expired
 * the hold (`late`) or with no hold at all (`unreserved`: the call ended before, or without, a
 * reservation): the call happened, so the cost is posted as far as the available balance goes
 * and the rest recorded as shortfall — the balance rule is never broken.
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

  /** Returns whether this delivery settled the attempt (false: it was settled before). */
  async execute(call: DialerCallEndedV1, tx: Tx): Promise<boolean> {
    const orgId = asOrgId(call.organizationId);
    const plan = await this.plans.get(orgId, tx);
    const connected = call.answeredAt !== undefined || call.talkSeconds > 0;
    const cost = callCost(plan, { billable: call.endReason.billable, connected, talkSeconds: call.talkSeconds, forwardedSeconds: call.forwardedSeconds, country: destinationCountry(call.to) });
    const claimed = await this.reservations.claimSettlement(
      orgId,
      { callId: call.callId, attempt: call.attempt, reservationId: null, campaignId: call.campaignId ?? null, endStatus: call.endReason.status, connected, talkSeconds: call.talkSeconds, forwardedSeconds: call.forwardedSeconds, cost },
      tx,
    );
    if (!claimed) return false;
    const reservation = await this.reservations.findByCall(orgId, call.callId, call.attempt, tx, true);
    const basis: Basis = !reservation ? 'unreserved' : reservation.state === 'pending' ? 'reserved' : 'late';
    const account = await this.ledger.lock(orgId, tx);
    if (!account) {
      // No account was ever opened: nothing to charge from; the settlement row records the cost.
      await this.reservations.recordCharge(orgId, call.callId, call.attempt, { charged: 0, shortfall: cost, late: basis === 'late', reservationId: reservation?.id ?? null }, tx);
      return true;
    }
    const held = basis === 'reserved' ? reservation!.amount : 0;
    const cap = basis === 'reserved' ? held : availableOf(account);
    const charged = Math.min(cost, cap);
    const shortfall = cost - charged;
    if (held === 0 && charged === 0) {
      await this.reservations.recordCharge(orgId, call.callId, call.attempt, { charged, shortfall, late: basis === 'late', reservationId: reservation?.id ?? null }, tx);
      return true;
    }
    if (shortfall > 0) this.logger.warn(`call ${call.callId}/${call.attempt}: ${basis} settlement short by ${shortfall} units`);
    const after = await this.ledger.append(
      orgId,
      {
        kind: 'post',
        idempotencyKey: `post:${call.callId}:${call.attempt}`,
        amount: charged,
        debitsDelta: charged,
        pendingDelta: -held,
        reservationId: reservation?.id ?? null,
        callId: call.callId,
        campaignId: call.campaignId ?? null,
        details: { basis, cost, released: held - charged > 0 ? held - charged : 0, shortfall, endStatus: call.endReason.status, endReason: call.endReason.reason, talkSeconds: call.talkSeconds, forwardedSeconds: call.forwardedSeconds },
      },
      tx,
    );
    if (reservation && basis === 'reserved') await this.reservations.setState(orgId, reservation.id, 'posted', tx);
    await this.reservations.recordCharge(orgId, call.callId, call.attempt, { charged, shortfall, late: basis === 'late', reservationId: reservation?.id ?? null }, tx);
    await this.announce(orgId, call, reservation, after!.entryId, held, charged, balanceOf(after!.account), tx);
    await this.watch.afterChange(orgId, after!.account, tx);
    return true;
  }

  private async announce(orgId: OrgId, call: DialerCallEndedV1, reservation: Reservation | null, entryId: string, held: number, charged: number, balance: number, tx: Tx): Promise<void> {
    if (!reservation) return; // CreditsSettledV1 names its reservation; an unreserved charge is in the ledger only.
    await this.publisher.publish(
      Subjects.Billing.CreditsSettled,
      {
        organizationId: orgId,
        reservationId: reservation.id,
        callId: call.callId,
        ledgerEntryId: entryId,
        reservedAmount: toCredits(held),
        chargedAmount: toCredits(charged),
        talkSeconds: call.talkSeconds,
        forwardedSeconds: call.forwardedSeconds,
        balanceAfter: toCredits(balance),
        ...(call.campaignId ? { campaignId: call.campaignId } : {}),
      },
      { orgid: orgId, subject: call.callId, manager: tx },
    );
  }
}
