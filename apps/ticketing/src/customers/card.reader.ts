import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgPoolOf, tenantQuery, type OrgId, type Tx } from '@santral/persistence';
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

  async read(orgId: OrgId, callerIdKey: string, callLimit: number, tx?: Tx): Promise<CardRead> {
    const [row] = tx ? await tenantQuery<CardRow>(tx, orgId, CARD_SQL, [callerIdKey, callLimit]) : await this.prepared(orgId, callerIdKey, callLimit);
    const lastCalls: CustomerCall[] = (row?.calls ?? []).map((c) => ({ ...c, callerIdKey, endedAt: new Date(c.endedAt) }));
    return { customer: row?.customer ? toCustomer(row.customer) : null, lastCalls };
  }

  /**
   * The screen-pop outside a transaction, as a named statement on the pool: Postgres plans it once
   * per connection instead of on every lookup (bench/lookup.ts: this statement's planning was most
   * of its backend CPU). tenantQuery names statements only inside a transaction, and a transaction
   * would add two round trips to a read.
   */
  private async prepared(orgId: OrgId, callerIdKey: string, callLimit: number): Promise<CardRow[]> {
    const pool = pgPoolOf(this.db);
    if (!pool) return tenantQuery<CardRow>(this.db, orgId, CARD_SQL, [callerIdKey, callLimit]);
    return (await pool.query<CardRow>({ name: 'ticketing_customer_card', text: CARD_SQL, values: [orgId, callerIdKey, callLimit] })).rows;
  }
}
