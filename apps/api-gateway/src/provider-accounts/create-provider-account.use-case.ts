import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { ProviderAccountsPort, type NewProviderAccount, type ProviderAccount } from './provider-accounts.port';

/** Adds a provider account to the caller's organization; the telephony-gateway checks the provider's own rules. */
@Injectable()
export class CreateProviderAccountUseCase {
  constructor(private readonly accounts: ProviderAccountsPort) {}

  execute(orgId: OrgId, input: NewProviderAccount): Promise<ProviderAccount> {
    return this.accounts.create(orgId, input);
  }
}
