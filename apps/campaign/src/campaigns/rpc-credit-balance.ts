import { Injectable } from '@nestjs/common';
import { DomainError, Rpc } from '@santral/contracts';
import { NatsRpcClient, RpcNoRespondersError, RpcTimeoutError } from '@santral/messaging';
import type { OrgId } from '@santral/persistence';
import { CreditBalance, type CreditStanding } from './campaigns.port';

/** Asks billing (rpc.billing.balance.get); when billing does not answer, starting is refused as unavailable, never let through. */
@Injectable()
export class RpcCreditBalance extends CreditBalance {
  constructor(private readonly rpc: NatsRpcClient) {
    super();
  }

  async standing(orgId: OrgId): Promise<CreditStanding> {
    try {
      const reply = await this.rpc.request(Rpc.Billing.BalanceGet, { organizationId: orgId }, { timeoutMs: 3000 });
      return { available: reply.available, minCreditsToStart: reply.minCreditsToStart };
    } catch (error) {
      if (error instanceof RpcNoRespondersError || error instanceof RpcTimeoutError) {
        throw new DomainError('SERVICE_UNAVAILABLE', 'Billing did not answer the credit check; try again shortly');
      }
      throw error;
    }
  }
}
