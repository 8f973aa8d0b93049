import { Injectable } from '@nestjs/common';
import { type OrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { DomainError } from '@santral/contracts';
import { definedOnly } from './create-organization.use-case';
import type { Organization } from './organization';
import { OrganizationEventsPort } from './organization-events.port';
import { OrganizationsPort } from './organizations.port';
import { PLAN_DEFAULT_LIMITS, type OrganizationLimits, type Plan } from './plan';

export interface UpdateOrganizationInput {
  name?: string;
  plan?: Plan;
  defaultCountry?: string;
  timeZone?: string;
  limits?: Partial<OrganizationLimits>;
}

/**
 * Platform admin: changes plan, limits (A2: "slots 5 → 10"), default country, time zone or
 * name. A new plan resets the limits to its defaults before `limits` applies. The row is
 * locked, so concurrent updates serialize; the change and `organization.updated` commit together.
 */
@Injectable()
export class UpdateOrganizationUseCase {
  constructor(
    private readonly organizations: OrganizationsPort,
    private readonly events: OrganizationEventsPort,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(orgId: OrgId, input: UpdateOrganizationInput): Promise<Organization> {
    const limits = definedOnly(input.limits);
    const fields = definedOnly({ ...input, limits: undefined });
    if (Object.keys(fields).length === 0 && Object.keys(limits).length === 0) {
      throw DomainError.validation([{ field: 'body', message: 'give at least one field to change' }], 'Nothing to update');
    }
    return this.transactions.run(async (tx) => {
      const current = await this.organizations.findByIdForUpdate(orgId, tx);
      if (!current) throw new DomainError('NOT_FOUND', `Organization ${orgId} not found`);
      const base = input.plan && input.plan !== current.plan ? PLAN_DEFAULT_LIMITS[input.plan] : current.limits;
      const next: Organization = {
        ...current,
        ...fields,
        limits: { ...base, ...limits },
        updatedAt: this.clock.now(),
      };
      await this.organizations.update(next, tx);
      await this.events.updated(next, tx);
      return next;
    });
  }
}
