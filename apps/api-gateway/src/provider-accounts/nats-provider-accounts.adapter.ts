import { Inject, Injectable } from '@nestjs/common';
import { Rpc, type PayloadOf, type ReplyOf } from '@santral/contracts';
import { NatsRpcClient } from '@santral/messaging';
import type { OrgId } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import { fromRpcError } from '../common/rpc-errors';
import type { GatewayConfig } from '../config';
import {
  ProviderAccountsPort,
  type CredentialsCheck,
  type NewProviderAccount,
  type OperatorMapping,
  type ProviderAccount,
  type ProviderAccountPage,
  type ProviderAccountPageRequest,
  type ProviderAccountPatch,
} from './provider-accounts.port';

type TelephonySubject = (typeof Rpc.Telephony)[keyof typeof Rpc.Telephony];

const SERVICE = 'telephony-gateway';

/** ProviderAccountsPort over NATS request/reply to the telephony-gateway (libs/contracts subjects). */
@Injectable()
export class NatsProviderAccounts extends ProviderAccountsPort {
  constructor(
    private readonly rpc: NatsRpcClient,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    super();
  }

  create(orgId: OrgId, input: NewProviderAccount): Promise<ProviderAccount> {
    return this.call(Rpc.Telephony.ProviderAccountCreate, { ...input, organizationId: orgId }, this.config.PROVIDER_RPC_TIMEOUT_MS);
  }

  list(orgId: OrgId, page: ProviderAccountPageRequest): Promise<ProviderAccountPage> {
    return this.call(Rpc.Telephony.ProviderAccountList, { organizationId: orgId, limit: page.limit, cursor: page.cursor });
  }

  get(orgId: OrgId, id: string): Promise<ProviderAccount> {
    return this.call(Rpc.Telephony.ProviderAccountGet, { organizationId: orgId, id });
  }

  update(orgId: OrgId, id: string, patch: ProviderAccountPatch): Promise<ProviderAccount> {
    return this.call(Rpc.Telephony.ProviderAccountUpdate, { ...patch, organizationId: orgId, id }, this.config.PROVIDER_RPC_TIMEOUT_MS);
  }

  test(orgId: OrgId, id: string): Promise<CredentialsCheck> {
    return this.call(Rpc.Telephony.ProviderAccountTest, { organizationId: orgId, id }, this.config.PROVIDER_RPC_TIMEOUT_MS);
  }

  setOperators(orgId: OrgId, id: string, operators: OperatorMapping[]): Promise<ProviderAccount> {
    return this.call(Rpc.Telephony.OperatorMapSet, { organizationId: orgId, id, operators });
  }

  private async call<S extends TelephonySubject>(subject: S, payload: PayloadOf<S>, timeoutMs = this.config.RPC_TIMEOUT_MS): Promise<ReplyOf<S>> {
    try {
      return await this.rpc.request<ReplyOf<S>>(subject, payload, { timeoutMs });
    } catch (error) {
      throw fromRpcError(error, SERVICE);
    }
  }
}
