import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { ProviderAccountsPort, type ProviderAccount } from './provider-accounts.port';

/** One provider account of the caller's organization (PROVIDER_ACCOUNT_NOT_FOUND for any other). */
@Injectable()
export class GetProviderAccountUseCase {
  constructor(private readonly accounts: ProviderAccountsPort) {}

  execute(orgId: OrgId, id: string): Promise<ProviderAccount> {
    return this.accounts.get(orgId, id);
  }
}
