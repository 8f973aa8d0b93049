import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type ProviderAccountReply } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { ServiceRpc } from '../common/service-rpc';
import { ProviderSecretsSealer } from './provider-secrets.sealer';

/** The HTTP body of PATCH /v1/provider-accounts/{id}: secrets in plain text, over HTTPS. */
export interface ProviderAccountPatch {
  name?: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

const FIELDS = ['name', 'settings', 'secrets'] as const satisfies ReadonlyArray<keyof ProviderAccountPatch>;

/**
 * Renames an account or merges settings and secrets into it (key by key); an empty patch is
 * refused. The secrets go on sealed for the telephony-gateway.
 */
@Injectable()
export class UpdateProviderAccountUseCase {
  constructor(
    private readonly telephony: ServiceRpc,
    private readonly sealer: ProviderSecretsSealer,
  ) {}

  async execute(orgId: OrgId, id: string, patch: ProviderAccountPatch): Promise<ProviderAccountReply> {
    if (!FIELDS.some((field) => patch[field] !== undefined)) {
      throw DomainError.validation([{ field: 'body', message: `give at least one of ${FIELDS.join(', ')}` }], 'Nothing to change');
    }
    const { secrets, ...rest } = patch;
    const request = { ...rest, ...this.sealer.seal(orgId, secrets), organizationId: orgId, id };
    return this.telephony.request(Rpc.Telephony.ProviderAccountUpdate, request, { timeoutMs: this.telephony.providerTimeoutMs });
  }
}
