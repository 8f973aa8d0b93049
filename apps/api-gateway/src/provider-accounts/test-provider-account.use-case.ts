import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { ProviderAccountsPort, type CredentialsCheck } from './provider-accounts.port';

/** Asks the provider whether the account's credentials work; a refusal is the answer, not an error. */
@Injectable()
export class TestProviderAccountUseCase {
  constructor(private readonly accounts: ProviderAccountsPort) {}

  execute(orgId: OrgId, id: string): Promise<CredentialsCheck> {
    return this.accounts.test(orgId, id);
  }
}
