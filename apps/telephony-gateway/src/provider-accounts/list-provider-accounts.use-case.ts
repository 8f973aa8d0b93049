import { Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider.registry';
import { AccountContextLoader } from './account-context.loader';
import type { ProviderAccountListRequest, ProviderAccountPageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { ProviderAccountRepository } from './provider-account.repository';
import { toView } from './provider-account.view';

/** The organization's accounts, newest first; a cursor we did not issue is INVALID_CURSOR. */
@Injectable()
export class ListProviderAccountsUseCase {
  constructor(
    private readonly accounts: ProviderAccountRepository,
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
  ) {}

  async execute(input: ProviderAccountListRequest): Promise<ProviderAccountPageReply> {
    const page = await this.accounts.page(asOrgId(input.organizationId), pageRequest(input.limit, input.cursor));
    return { items: page.items.map((e) => toView(e, this.contexts.toContext(e), this.registry)), nextCursor: page.nextCursor };
  }
}
