import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { ProviderAccountsPort, type ProviderAccountPage } from './provider-accounts.port';

/** The organization's provider accounts, a page at a time, in creation order. */
@Injectable()
export class ListProviderAccountsUseCase {
  constructor(private readonly accounts: ProviderAccountsPort) {}

  execute(orgId: OrgId, page: { limit?: number; cursor?: string }): Promise<ProviderAccountPage> {
    return this.accounts.list(orgId, { limit: page.limit ?? DEFAULT_PAGE_SIZE, cursor: page.cursor });
  }
}
