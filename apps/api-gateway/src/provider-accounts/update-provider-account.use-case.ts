import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { ProviderAccountsPort, type ProviderAccount, type ProviderAccountPatch } from './provider-accounts.port';

const FIELDS = ['name', 'settings', 'secrets'] as const satisfies ReadonlyArray<keyof ProviderAccountPatch>;

/** Renames an account or merges settings and secrets into it (key by key); an empty patch is refused. */
@Injectable()
export class UpdateProviderAccountUseCase {
  constructor(private readonly accounts: ProviderAccountsPort) {}

  async execute(orgId: OrgId, id: string, patch: ProviderAccountPatch): Promise<ProviderAccount> {
    if (!FIELDS.some((field) => patch[field] !== undefined)) {
      throw DomainError.validation([{ field: 'body', message: `give at least one of ${FIELDS.join(', ')}` }], 'Nothing to change');
    }
    return this.accounts.update(orgId, id, patch);
  }
}
