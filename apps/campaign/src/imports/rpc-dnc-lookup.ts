import { Injectable } from '@nestjs/common';
import { DIALING_RULE_LIMITS, Rpc } from '@santral/contracts';
import { NatsRpcClient } from '@santral/messaging';
import type { OrgId } from '@santral/persistence';
import { DncLookup } from './imports.port';

/** Asks the dialer (owner of the do-not-call list) with rpc.dialer.dnc.check, 5,000 numbers a request. */
@Injectable()
export class RpcDncLookup extends DncLookup {
  constructor(private readonly rpc: NatsRpcClient) {
    super();
  }

  async listed(orgId: OrgId, e164: string[]): Promise<Set<string>> {
    const listed = new Set<string>();
    for (let i = 0; i < e164.length; i += DIALING_RULE_LIMITS.dncBatch) {
      const numbers = e164.slice(i, i + DIALING_RULE_LIMITS.dncBatch);
      const reply = await this.rpc.request(Rpc.Dialer.DncCheck, { organizationId: orgId, numbers }, { timeoutMs: 10_000 });
      for (const n of reply.listed) listed.add(n);
    }
    return listed;
  }
}
