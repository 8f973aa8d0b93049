import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type ProviderAccountReply, type ProviderAccountUpdateRequest } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { ServiceRpc } from '../common/service-rpc';

export type ProviderAccountPatch = Omit<ProviderAccountUpdateRequest, 'organizationId' | 'id'>;

const FIELDS = ['name', 'settings', 'secrets'] as const satisfies ReadonlyArray<keyof ProviderAccountPatch>;

/** Renames an account or merges settings and secrets into it (key by key); an empty patch is refused. */
@Injectable()
export class UpdateProviderAccountUseCase {
  constructor(private readonly telephony: ServiceRpc) {}

  async execute(orgId: OrgId, id: string, patch: ProviderAccountPatch): Promise<ProviderAccountReply> {
    if (!FIELDS.some((field) => patch[field] !== undefined)) {
      throw DomainError.validation([{ field: 'body', message: `give at least one of ${FIELDS.join(', ')}` }], 'Nothing to change');
    }
    return this.telephony.request(Rpc.Telephony.ProviderAccountUpdate, { ...patch, organizationId: orgId, id }, { timeoutMs: this.telephony.providerTimeoutMs });
  }
}
