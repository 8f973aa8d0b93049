import { Injectable, Logger } from '@nestjs/common';
import { Subjects } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { TransactionRunner } from '@santral/persistence';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';
import { ReservationsRepository } from './reservations.repository';

/**
 * The sweeper (issue 12 item 2): a pending reservation past its expiry — its call.ended never came,
 * or not yet — is voided with an `expiry` entry that releases the hold. Each in its own transaction
 * under its row lock (SKIP LOCKED: a settlement in progress, or another replica, has it). A
 * settlement arriving later still posts, as `late` (SettleCallUseCase).
 */
@Injectable()
export class ExpireReservationsUseCase {
  private readonly logger = new Logger(ExpireReservationsUseCase.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly reservations: ReservationsRepository,
    private readonly ledger: LedgerRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** Returns how many it expired. */
  async execute(limit = 500): Promise<number> {
    let expired = 0;
    for (const { organizationId, id } of await this.reservations.expiredAcrossOrganizations(limit)) {
      const done = await this.tx.run(async (tx) => {
        const r = await this.reservations.lockPending(organizationId, id, tx);
        if (!r) return false;
        await this.reservations.setState(organizationId, id, 'expired', tx);
        await this.ledger.append(organizationId, { kind: 'expiry', idempotencyKey: `expiry:${id}`, amount: r.amount, pendingDelta: -r.amount, reservationId: id, callId: r.callId }, tx);
        await this.publisher.publish(
          Subjects.Billing.CreditsReleased,
          { organizationId, reservationId: id, callId: r.callId, amount: toCredits(r.amount), reason: 'expired' },
          { orgid: organizationId, subject: r.callId, manager: tx },
        );
        return true;
      });
      if (done) expired++;
    }
    if (expired) this.logger.warn(`sweeper expired ${expired} reservation(s) whose call never ended in time`);
    return expired;
  }
}
