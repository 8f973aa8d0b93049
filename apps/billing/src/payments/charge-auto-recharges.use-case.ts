import { Injectable, Logger } from '@nestjs/common';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ApplyPaymentOutcomeUseCase } from './apply-payment-outcome.use-case';
import { PaymentGateway, type ChargeResult } from './payment-gateway';
import { PaymentsRepository } from './payments.repository';

/**
 * The auto-recharge worker's pass (H4): charges each requested auto-recharge off-session with the
 * organization's saved payment method, our payment id as the provider's idempotency key. One
 * payment row per crossing (BalanceWatch), claimed by one replica (SKIP LOCKED); a charge that
 * died mid-way is retried as the same PaymentIntent.
 */
@Injectable()
export class ChargeAutoRechargesUseCase {
  private readonly logger = new Logger(ChargeAutoRechargesUseCase.name);

  constructor(
    private readonly payments: PaymentsRepository,
    private readonly ledger: LedgerRepository,
    private readonly gateway: PaymentGateway,
    private readonly tx: TransactionRunner,
    private readonly outcome: ApplyPaymentOutcomeUseCase,
  ) {}

  async execute(staleMs = 60_000): Promise<number> {
    const due = await this.payments.claimDueAcrossOrganizations(20, staleMs);
    for (const payment of due) {
      const orgId = asOrgId(payment.organizationId);
      const account = await this.ledger.find(orgId);
      let result: ChargeResult;
      if (!account?.stripePaymentMethodId && this.gateway.provider === 'stripe') result = { state: 'failed', failure: 'no saved payment method' };
      else {
        try {
          result = await this.gateway.charge({ paymentId: payment.id, organizationId: orgId, amount: payment.amount, currency: payment.currency, offSession: true, customerId: account?.stripeCustomerId, paymentMethodId: account?.stripePaymentMethodId });
        } catch (e) {
          // Left `charging`: the next pass past `staleMs` retries it with the same idempotency key.
          this.logger.warn(`auto-recharge ${payment.id} could not reach the provider: ${(e as Error).message}`);
          continue;
        }
      }
      await this.tx.run((tx) => this.outcome.execute(orgId, payment.id, result, tx));
    }
    return due.length;
  }
}
