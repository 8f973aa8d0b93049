import { Injectable } from '@nestjs/common';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import type { CustomerCall } from './customer';
import { CustomerCallsPort, InboundMatchesPort } from './customers.port';

/** customer_calls: one row per ended call, keyed by the other party's caller-ID key; a replay changes nothing. */
@Injectable()
export class CustomerCallsRepository extends CustomerCallsPort {
  async record(orgId: OrgId, call: CustomerCall, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `INSERT INTO customer_calls (organization_id, call_id, caller_id_key, direction, reason, talk_seconds, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (organization_id, call_id) DO NOTHING`,
      [call.callId, call.callerIdKey, call.direction, call.reason, call.talkSeconds, call.endedAt],
    );
  }
}

/** customer_matches: the inbound calls already matched, so a repeated inbound fact pops no second card. */
@Injectable()
export class InboundMatchesRepository extends InboundMatchesPort {
  async claim(orgId: OrgId, callId: string, callerIdKey: string | null, customerId: string | null, at: Date, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(
      tx,
      orgId,
      `INSERT INTO customer_matches (organization_id, call_id, caller_id_key, customer_id, matched_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, call_id) DO NOTHING RETURNING 1`,
      [callId, callerIdKey, customerId, at],
    );
    return rows.length > 0;
  }
}
