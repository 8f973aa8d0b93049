import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrgId } from '@santral/persistence';
import type { ProviderAccountContext } from '../providers/provider.port';
import { AccountContextLoader } from './account-context.loader';
import { ProviderAccountRepository } from './provider-account.repository';

/**
 * Port of the call commands and the reconciler onto provider accounts: an account of an
 * organization as the provider adapters use it (secrets opened), in the caller's transaction.
 */
@Injectable()
export class ProviderAccountDirectory {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
  ) {}

  async find(orgId: OrgId, accountId: string, manager?: EntityManager): Promise<ProviderAccountContext | null> {
    const entity = await this.accounts.findOne(orgId, { id: accountId.toLowerCase() }, manager);
    return entity ? this.contexts.toContext(entity) : null;
  }

  /** The organization's oldest account (SMS without a named account). */
  async first(orgId: OrgId, manager?: EntityManager): Promise<ProviderAccountContext | null> {
    const [entity] = await this.accounts.findMany(orgId, {}, { take: 1, order: { createdAt: 'ASC' } }, manager);
    return entity ? this.contexts.toContext(entity) : null;
  }

  /**
   * What stands for an account that does not exist (deleted, or never ours) when a call of it must
   * still be closed and reported: the facts name the account id the call was placed with.
   */
  static placeholder(orgId: OrgId, accountId: string): ProviderAccountContext {
    return { id: accountId, organizationId: orgId, type: 'simulator', settings: {}, secrets: {}, operatorMap: {}, webhookBaseUrl: '' };
  }
}
