import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, Subjects, type ReserveCreditsReply, type ReserveCreditsRequest } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, TransactionRunner, type Tx } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { BillingConfig } from '../config';
import { availableOf } from '../ledger/account';
import { BalanceWatch } from '../ledger/balance-watch';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';
import { reservationAmount } from '../pricing/call-cost';
import { destinationCountry } from '../pricing/destination-country';
import { PricePlansRepository } from '../pricing/price-plans.repository';
import { ReservationsRepository, type Reservation } from './reservations.repository';

/**
 * rpc.billing.credits.reserve (H1): holds price × maximum call minutes as a pending debit before the
 * dialer dials. Idempotent on (call, attempt): a retry gets the same reservation. Refused with
 * INSUFFICIENT_CREDITS when the available balance is below the organization's minimum, or below
 * the hold — the second by the accounts CHECK under the row lock, so concurrent reservations can
 * never take the available balance below zero. An attempt already settled (its call.ended came
 * first) gets RESERVATION_ALREADY_SETTLED and holds nothing.
 */
@Injectable()
export class ReserveCreditsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly reservations: ReservationsRepository,
    private readonly ledger: LedgerRepository,
    private readonly plans: PricePlansRepository,
    private readonly watch: BalanceWatch,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
  ) {}

  async execute(input: ReserveCreditsRequest): Promise<ReserveCreditsReply> {
    const orgId = asOrgId(input.organizationId);
    const [plan, minimum] = await Promise.all([this.plans.get(orgId), this.watch.minimumOf(orgId)]);
    const amount = reservationAmount(plan, input.estimatedSeconds, destinationCountry(input.to));
    return this.tx.run(async (tx) => {
      const id = uuidv7();
      const held = await this.reservations.insert(orgId, { id, callId: input.callId, attempt: input.attempt, amount, ttlSeconds: input.estimatedSeconds + this.config.RESERVATION_GRACE_SECONDS }, tx);
      if (!held) return this.existing(orgId, input, tx);
      if (await this.reservations.settled(orgId, input.callId, input.attempt, tx)) {
        throw new DomainError('RESERVATION_ALREADY_SETTLED', 'This call attempt has ended and was settled already');
      }
      const account = await this.ledger.lock(orgId, tx);
      if (!account || availableOf(account) < minimum) {
        throw new DomainError('INSUFFICIENT_CREDITS', `The available balance is below the minimum of ${toCredits(minimum)} credits to start a call`);
      }
      // Read under the row lock, so exact; the accounts CHECK enforces the same rule if this ever drifts.
      if (availableOf(account) < amount) throw new DomainError('INSUFFICIENT_CREDITS', `The available balance does not cover the ${toCredits(amount)} credits this call may cost`);
      const after = await this.ledger.append(
        orgId,
        { kind: 'reservation', idempotencyKey: `reserve:${input.callId}:${input.attempt}`, amount, pendingDelta: amount, reservationId: id, callId: input.callId },
        tx,
      );
      const reply = { reservationId: id, amount: toCredits(amount), availableAfter: toCredits(availableOf(after!.account)), expiresAt: held.expiresAt.toISOString() };
      await this.publisher.publish(
        Subjects.Billing.CreditsReserved,
        { organizationId: orgId, callId: input.callId, attempt: input.attempt, ...reply },
        { orgid: orgId, subject: input.callId, manager: tx },
      );
      return reply;
    });
  }

  /** A retried request: the reservation it made, as it stands. */
  private async existing(orgId: ReturnType<typeof asOrgId>, input: ReserveCreditsRequest, tx: Tx): Promise<ReserveCreditsReply> {
    // In the transaction it was found in: a second pooled connection taken while this one is held
    // could wait for ever once every connection is held by such a request (pool starvation).
    const r = (await this.reservations.findByCall(orgId, input.callId, input.attempt, tx)) as Reservation;
    if (r.state !== 'pending') throw new DomainError('RESERVATION_ALREADY_SETTLED', `This call attempt's reservation is ${r.state}`);
    const account = await this.ledger.find(orgId, tx);
    return { reservationId: r.id, amount: toCredits(r.amount), availableAfter: toCredits(account ? availableOf(account) : 0), expiresAt: r.expiresAt.toISOString() };
  }
}
