import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { AccountContextLoader } from './account-context.loader';
import { readOrgId } from './provider-account.input';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView, type ProviderAccountView } from './provider-account.view';

@Injectable()
export class ListProviderAccountsUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(body: Record<string, unknown>): Promise<{ items: ProviderAccountView[]; nextCursor: string | null }> {
    const orgId = readOrgId(body);
    const limit = typeof body.limit === 'number' && Number.isInteger(body.limit) ? Math.min(Math.max(body.limit, 1), 200) : 50;
    const page = await this.accounts.page(orgId, limit, typeof body.cursor === 'string' ? body.cursor : undefined);
    return { items: page.items.map((e) => toView(e, this.contexts.toContext(e), this.registry)), nextCursor: page.nextCursor };
  }
}
