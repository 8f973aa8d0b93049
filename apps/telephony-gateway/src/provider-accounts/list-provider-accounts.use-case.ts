import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { AccountContextLoader } from './account-context.loader';
import type { ProviderAccountListRequest, ProviderAccountPageReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView } from './provider-account.view';

@Injectable()
export class ListProviderAccountsUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(input: ProviderAccountListRequest): Promise<ProviderAccountPageReply> {
    const page = await this.accounts.page(asOrgId(input.organizationId), input.limit ?? 50, input.cursor);
    return { items: page.items.map((e) => toView(e, this.contexts.toContext(e), this.registry)), nextCursor: page.nextCursor };
  }
}
