import { Injectable, Logger } from '@nestjs/common';
import { Subjects } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import type { OrgId, Tx } from '@santral/persistence';
import { balanceOf } from '../ledger/account';
import { BalanceWatch } from '../ledger/balance-watch';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';
import type { ChargeResult } from './payment-gateway';
import { PaymentsRepository, type Payment } from './payments.repository';

/**
 * Records a provider's answer about one payment, once (H4, H6): a success credits the ledger under
 * the key `payment:<id>` (so a webhook and the charge's own answer never credit twice); a failed
 * or pending payment is recorded and warned, never credited. A payment already final is left as it is.
 */
@Injectable()
export class ApplyPaymentOutcomeUseCase {
  private readonly logger = new Logger(ApplyPaymentOutcomeUseCase.name);

  constructor(
    private readonly payments: PaymentsRepository,
    private readonly ledger: LedgerRepository,
    private readonly watch: BalanceWatch,
    private readonly publisher: EventPublisher,
  ) {}

  /** Returns the payment as it now stands; null when it does not exist. */
  async execute(orgId: OrgId, paymentId: string, outcome: ChargeResult, tx: Tx): Promise<Payment | null> {
    const payment = await this.payments.lock(orgId, paymentId, tx);
    if (!payment) return null;
    if (payment.state === 'succeeded' || payment.state === 'failed') return payment;
    if (outcome.state !== 'succeeded') {
      await this.payments.record(orgId, paymentId, outcome, tx);
      this.logger.warn(`payment ${paymentId} (${payment.purpose}, org ${orgId}) is ${outcome.state}${outcome.failure ? `: ${outcome.failure}` : ''}; nothing credited`);
      return { ...payment, state: outcome.state, failure: outcome.failure ?? null, providerReference: outcome.reference ?? payment.providerReference, clientSecret: outcome.clientSecret ?? payment.clientSecret };
    }
    await this.ledger.ensureAccount(orgId, tx);
    const after = await this.ledger.append(
      orgId,
      {
        kind: payment.purpose === 'auto_recharge' ? 'auto_recharge' : 'top_up',
        idempotencyKey: `payment:${paymentId}`,
        amount: payment.amount,
        creditsDelta: payment.amount,
        details: { paymentId, provider: payment.provider, reference: outcome.reference ?? payment.providerReference, ...(outcome.note ? { note: outcome.note } : {}) },
      },
      tx,
    );
    await this.payments.record(orgId, paymentId, outcome, tx);
    if (after) {
      await this.publisher.publish(
        Subjects.Billing.TopupCompleted,
        {
          organizationId: orgId,
          topupId: paymentId,
          amount: toCredits(payment.amount),
          balanceAfter: toCredits(balanceOf(after.account)),
          paymentProvider: payment.provider,
          ...((outcome.reference ?? payment.providerReference) ? { paymentReference: (outcome.reference ?? payment.providerReference)! } : {}),
          auto: payment.purpose === 'auto_recharge',
        },
        { orgid: orgId, subject: paymentId, manager: tx },
      );
      await this.watch.afterChange(orgId, after.account, tx);
    }
    return { ...payment, state: 'succeeded', providerReference: outcome.reference ?? payment.providerReference };
  }
}
