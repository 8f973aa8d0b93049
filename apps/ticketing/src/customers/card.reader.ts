import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import type { CustomerCall } from './customer';
import { CUSTOMER_SELECT, toCustomer, type CustomerRow } from './customer.repository';
import { CardReader, type CardRead } from './customers.port';

interface CardRow {
  customer: CustomerRow | null;
  calls: Array<{ callId: string; direction: 'outbound' | 'inbound'; reason: string; talkSeconds: number; endedAt: string }> | null;
}

/**
 * The screen-pop read: ONE statement, two primary-key/index probes by (organization_id, caller_id_key) —
 * customer_phones' primary key for the customer and customer_calls_of_number for the last calls.
 */
const CARD_SQL = `
  SELECT
    (SELECT row_to_json(x) FROM (
       SELECT ${CUSTOMER_SELECT} FROM customer_phones k JOIN customers c ON c.organization_id = k.organization_id AND c.id = k.customer_id
       WHERE k.organization_id = $1 AND k.caller_id_key = $2) x) AS customer,
    (SELECT json_agg(json_build_object('callId', cc.call_id, 'direction', cc.direction, 'reason', cc.reason, 'talkSeconds', cc.talk_seconds, 'endedAt', cc.ended_at) ORDER BY cc.ended_at DESC)
       FROM (SELECT * FROM customer_calls WHERE organization_id = $1 AND caller_id_key = $2 ORDER BY ended_at DESC LIMIT $3) cc) AS calls`;

@Injectable()
export class SqlCardReader extends CardReader {
  constructor(private readonly db: DataSource) {
    super();
  }

  /** Outside a transaction it runs as a named statement on the pool (tenantQuery): Postgres plans it once per connection. */
  async read(orgId: OrgId, callerIdKey: string, callLimit: number, tx?: Tx): Promise<CardRead> {
    const [row] = await tenantQuery<CardRow>(tx ?? this.db, orgId, CARD_SQL, [callerIdKey, callLimit]);
    const lastCalls: CustomerCall[] = (row?.calls ?? []).map((c) => ({ ...c, callerIdKey, endedAt: new Date(c.endedAt) }));
    return { customer: row?.customer ? toCustomer(row.customer) : null, lastCalls };
  }
}
