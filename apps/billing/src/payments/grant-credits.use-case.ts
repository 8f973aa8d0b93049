import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type CreditsGrantRequest, type TopupReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { IdempotentCommands, OrganizationSettingsRepository } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { toCredits } from '../ledger/money';
import { PricePlansRepository } from '../pricing/price-plans.repository';
import { ApplyPaymentOutcomeUseCase } from './apply-payment-outcome.use-case';
import { PaymentsRepository } from './payments.repository';
import { topupUnits } from './topup-amount';

/** The manual adapter's top-up (organizations billing knows from gateway.organization.* only): the platform admin records a payment received outside Stripe; credited at once, once per key. */
@Injectable()
export class GrantCreditsUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly plans: PricePlansRepository,
    private readonly payments: PaymentsRepository,
    private readonly outcome: ApplyPaymentOutcomeUseCase,
    private readonly organizations: OrganizationSettingsRepository,
  ) {}

  async execute(input: CreditsGrantRequest): Promise<TopupReply> {
    const orgId = asOrgId(input.organizationId);
    const amount = topupUnits(input.amount);
    // Only organizations the gateway announced (billing's settings projection) can be credited.
    if (!(await this.organizations.get(orgId))) throw new DomainError('NOT_FOUND', 'No such organization');
    const currency = (await this.plans.get(orgId)).currency;
    return this.commands.run(orgId, Rpc.Billing.CreditsGrant, input.idempotencyKey, async (tx) => {
      const payment = await this.payments.create(orgId, { purpose: 'top_up', amount, currency, state: 'charging', key: `grant:${input.idempotencyKey ?? uuidv7()}`, provider: 'manual' }, tx);
      await this.outcome.execute(orgId, payment.id, { state: 'succeeded', reference: `manual:${payment.id}`, note: input.note }, tx);
      return { topupId: payment.id, state: 'succeeded' as const, amount: toCredits(amount), currency, paymentProvider: 'manual' as const };
    });
  }
}
