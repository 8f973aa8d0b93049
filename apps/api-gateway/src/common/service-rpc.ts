import { Inject, Injectable } from '@nestjs/common';
import { messageFor, type PayloadOf, type ReplyOf, type RpcSubject } from '@santral/contracts';
import { NatsRpcClient } from '@santral/messaging';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { GatewayConfig } from '../config';
import { fromRpcError } from './rpc-errors';

/**
 * How the gateway forwards to a service: the typed RPC client (request and reply checked against
 * the contracts registry at compile time) with the gateway's timeout, and a failure turned into the
 * service's stable code or 503 / 504. A controller that only forwards calls this and nothing else.
 */
@Injectable()
export class ServiceRpc {
  constructor(
    private readonly rpc: NatsRpcClient,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async request<S extends RpcSubject>(subject: S, payload: PayloadOf<S>, opts: { timeoutMs?: number } = {}): Promise<ReplyOf<S>> {
    try {
      return (await this.rpc.request(subject, payload, { timeoutMs: opts.timeoutMs ?? this.config.RPC_TIMEOUT_MS })) as ReplyOf<S>;
    } catch (error) {
      throw fromRpcError(error, messageFor(subject)?.consumers[0] ?? subject);
    }
  }

  /** For calls that wait on a telephony provider's own API (create, update, test a provider account). */
  get providerTimeoutMs(): number {
    return this.config.PROVIDER_RPC_TIMEOUT_MS;
  }
}
