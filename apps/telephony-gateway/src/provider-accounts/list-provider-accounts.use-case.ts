import { Injectable } from '@nestjs/common';
import { PROVIDER_ACCOUNT_LIMITS } from '@santral/contracts';
import { pageRequest } from '@santral/persistence';
import { ProviderRegistry } from '../providers/provider.registry';
import { AccountContextLoader } from './account-context.loader';
import { readOrgId } from './provider-account.input';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView, type ProviderAccountView } from './provider-account.view';

/** The organization's accounts, newest first; a cursor we did not issue is INVALID_CURSOR. */
@Injectable()
export class ListProviderAccountsUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(body: Record<string, unknown>): Promise<{ items: ProviderAccountView[]; nextCursor: string | null }> {
    const orgId = readOrgId(body);
    const limit = typeof body.limit === 'number' && Number.isInteger(body.limit) ? Math.min(Math.max(body.limit, 1), PROVIDER_ACCOUNT_LIMITS.listPageSize) : undefined;
    const page = await this.accounts.page(orgId, pageRequest(limit, typeof body.cursor === 'string' ? body.cursor : undefined));
    return { items: page.items.map((e) => toView(e, this.contexts.toContext(e), this.registry)), nextCursor: page.nextCursor };
  }
}
