import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CUSTOMER_LIMITS } from '@santral/contracts';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import type { CustomerCall } from './customer';
import { CUSTOMER_SELECT, toCustomer, type CustomerRow } from './customer.repository';
import { CardReader, type CardRead, type CustomerTicketSummary as TicketSummary } from './customers.port';

interface CardRow {
  customer: CustomerRow | null;
  open_count: number;
  last_ticket_id: string | null;
  open_tickets: Array<{ id: string; subject: string; status: TicketSummary['openTickets'][number]['status']; handset: TicketSummary['openTickets'][number]['handset']; updated_at: string }> | null;
  calls: Array<{ callId: string; direction: 'outbound' | 'inbound'; reason: string; talkSeconds: number; endedAt: string }> | null;
}

/**
 * The screen-pop read: ONE statement by (organization_id, caller_id_key). customer_phones' primary key
 * finds the customer (the CTE, read once); tickets_customer_idx its open tickets, their count and its
 * last ticket; customer_calls_of_number the number's last calls. No customer: no tickets.
 */
const CARD_SQL = `
  WITH c AS (
    SELECT ${CUSTOMER_SELECT} FROM customer_phones k JOIN customers c ON c.organization_id = k.organization_id AND c.id = k.customer_id
    WHERE k.organization_id = $1 AND k.caller_id_key = $2)
  SELECT
    (SELECT row_to_json(c) FROM c) AS customer,
    (SELECT count(*)::int FROM tickets t JOIN c ON t.customer_id = c.id WHERE t.organization_id = $1 AND t.status <> 'closed') AS open_count,
    (SELECT t.id FROM tickets t JOIN c ON t.customer_id = c.id WHERE t.organization_id = $1 ORDER BY t.created_at DESC, t.id DESC LIMIT 1) AS last_ticket_id,
    (SELECT json_agg(json_build_object('id', o.id, 'subject', o.subject, 'status', o.status, 'handset', o.handset, 'updated_at', o.updated_at) ORDER BY o.updated_at DESC, o.id DESC)
       FROM (SELECT t.id, t.subject, t.status, t.handset, t.updated_at FROM tickets t JOIN c ON t.customer_id = c.id
              WHERE t.organization_id = $1 AND t.status <> 'closed' ORDER BY t.updated_at DESC, t.id DESC LIMIT $4) o) AS open_tickets,
    (SELECT json_agg(json_build_object('callId', cc.call_id, 'direction', cc.direction, 'reason', cc.reason, 'talkSeconds', cc.talk_seconds, 'endedAt', cc.ended_at) ORDER BY cc.ended_at DESC)
       FROM (SELECT * FROM customer_calls WHERE organization_id = $1 AND caller_id_key = $2 ORDER BY ended_at DESC LIMIT $3) cc) AS calls`;

@Injectable()
export class SqlCardReader extends CardReader {
  constructor(private readonly db: DataSource) {
    super();
  }

  /** Outside a transaction it runs as a named statement on the pool (tenantQuery): Postgres plans it once per connection. */
  async read(orgId: OrgId, callerIdKey: string, callLimit: number, tx?: Tx): Promise<CardRead> {
    const [row] = await tenantQuery<CardRow>(tx ?? this.db, orgId, CARD_SQL, [callerIdKey, callLimit, CUSTOMER_LIMITS.openTickets]);
    const lastCalls: CustomerCall[] = (row?.calls ?? []).map((c) => ({ ...c, callerIdKey, endedAt: new Date(c.endedAt) }));
    const tickets: TicketSummary = {
      openTicketCount: row?.open_count ?? 0,
      openTickets: (row?.open_tickets ?? []).map((t) => ({ ticketId: t.id, subject: t.subject, status: t.status, handset: t.handset, updatedAt: new Date(t.updated_at) })),
      ...(row?.last_ticket_id ? { lastTicketId: row.last_ticket_id } : {}),
    };
    return { customer: row?.customer ? toCustomer(row.customer) : null, tickets, lastCalls };
  }
}
