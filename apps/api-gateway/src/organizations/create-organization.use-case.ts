import { Injectable } from '@nestjs/common';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { CreatedApiKey } from '../api-keys/api-key';
import { CreateApiKeyUseCase } from '../api-keys/create-api-key.use-case';
import { Clock } from '@santral/service-kit';
import type { Organization } from './organization';
import { OrganizationEventsPort } from './organization-events.port';
import { OrganizationsPort } from './organizations.port';
import { PLAN_DEFAULT_LIMITS, type OrganizationLimits, type Plan } from './plan';

export interface CreateOrganizationInput {
  name: string;
  plan: Plan;
  defaultCountry: string;
  timeZone: string;
  /** Overrides of the plan's default limits. */
  limits?: Partial<OrganizationLimits>;
}

export const FIRST_KEY_NAME = 'Initial admin key';

/**
 * Platform admin: a new organization with its plan's limits and its first admin API key,
 * plus the `organization.created` event, all in one transaction.
 */
@Injectable()
export class CreateOrganizationUseCase {
  constructor(
    private readonly organizations: OrganizationsPort,
    private readonly createApiKey: CreateApiKeyUseCase,
    private readonly events: OrganizationEventsPort,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(input: CreateOrganizationInput): Promise<{ organization: Organization; apiKey: CreatedApiKey }> {
    const now = this.clock.now();
    const organization: Organization = {
      id: asOrgId(uuidv7()),
      name: input.name,
      plan: input.plan,
      limits: { ...PLAN_DEFAULT_LIMITS[input.plan], ...definedOnly(input.limits) },
      defaultCountry: input.defaultCountry,
      timeZone: input.timeZone,
      createdAt: now,
      updatedAt: now,
    };
    return this.transactions.run(async (tx) => {
      await this.organizations.insert(organization, tx);
      const apiKey = await this.createApiKey.execute(organization.id, { name: FIRST_KEY_NAME, role: 'admin' }, tx);
      await this.events.created(organization, tx);
      return { organization, apiKey };
    });
  }
}

/** Drops undefined members so they do not overwrite defaults in a spread. */
export function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
