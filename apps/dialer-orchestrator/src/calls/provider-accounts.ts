import { Injectable } from '@nestjs/common';
import { DomainError, Rpc } from '@santral/contracts';
import { NatsRpcClient } from '@santral/messaging';
import type { OrgId } from '@santral/persistence';

/**
 * Port: which provider account places a direct call. Caller numbers (hotlines) do not name one yet,
 * and a direct call has no campaign dial plan, so it is the organization's own: its oldest account.
 */
export abstract class ProviderAccounts {
  /** The account's id, or null when the organization has none. */
  abstract defaultFor(orgId: OrgId): Promise<string | null>;
}

/** Pages through rpc.telephony.provider_account.list (newest first) to its last row: the oldest account. */
@Injectable()
export class TelephonyProviderAccounts extends ProviderAccounts {
  constructor(private readonly rpc: NatsRpcClient) {
    super();
  }

  async defaultFor(orgId: OrgId): Promise<string | null> {
    let oldest: string | null = null;
    let cursor: string | undefined;
    try {
      // Bounded: an organization has a handful of accounts; 20 pages of 100 is far past any real one.
      for (let page = 0; page < 20; page++) {
        const reply = await this.rpc.request(Rpc.Telephony.ProviderAccountList, { organizationId: orgId, limit: 100, ...(cursor ? { cursor } : {}) });
        oldest = reply.items.at(-1)?.id ?? oldest;
        if (!reply.nextCursor) break;
        cursor = reply.nextCursor;
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('SERVICE_UNAVAILABLE', 'The telephony-gateway could not be asked for the provider account; retry shortly');
    }
    return oldest;
  }
}
