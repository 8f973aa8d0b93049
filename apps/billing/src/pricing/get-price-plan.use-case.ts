import { Injectable } from '@nestjs/common';
import type { OrganizationQuery, PricePlanReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toCredits } from '../ledger/money';
import { PricePlansRepository } from './price-plans.repository';

/** GET /v1/billing/price-plan (H2): the organization's rates, in credits. */
@Injectable()
export class GetPricePlanUseCase {
  constructor(private readonly plans: PricePlansRepository) {}

  async execute(input: OrganizationQuery): Promise<PricePlanReply> {
    const plan = await this.plans.get(asOrgId(input.organizationId));
    return {
      organizationId: input.organizationId,
      currency: plan.currency,
      ratePerMinute: toCredits(plan.ratePerMinute),
      incrementSeconds: plan.incrementSeconds,
      firstIncrementSeconds: plan.firstIncrementSeconds,
      unconnectedAttemptCharge: toCredits(plan.unconnectedAttemptCharge),
      forwardingRatePerMinute: toCredits(plan.forwardingRatePerMinute),
      countryRates: Object.entries(plan.countryRates).map(([country, rate]) => ({ country, ratePerMinute: toCredits(rate) })),
    };
  }
}
