import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { ProviderAccountsPort, type ProviderAccountPage } from './provider-accounts.port';

/** The organization's provider accounts, a page at a time, in creation order. */
@Injectable()
export class ListProviderAccountsUseCase {
  constructor(private readonly accounts: ProviderAccountsPort) {}

  execute(orgId: OrgId, page: { limit?: number; cursor?: string }): Promise<ProviderAccountPage> {
    return this.accounts.list(orgId, { limit: page.limit ?? DEFAULT_PAGE_SIZE, cursor: page.cursor });
  }
}
