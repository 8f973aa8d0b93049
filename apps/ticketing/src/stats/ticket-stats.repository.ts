import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TicketStatsGroupBy } from '@santral/contracts';
import { tenantQuery, type OrgId } from '@santral/persistence';
import { TicketStatsPort, type TicketStatsFigures, type TicketStatsQuery } from './ticket-stats.port';

/** The group key column per groupBy; a fixed list, never the caller's text. */
const KEY: Record<TicketStatsGroupBy, string> = { none: 'NULL::text', assignee: 't.assignee_user_id::text', kind: 't.kind' };

/** Kinds a customer's inbound call made (S4 §19 "Yeni müşteri destek talebi"); the others but `manual` are call tickets too. */
const FROM_CUSTOMER = `('inbound_call', 'missed_call')`;
const CALL_KINDS = `('inbound_call', 'missed_call', 'outbound_call')`;

interface Row {
  key: string | null;
  new: number;
  new_from_customer: number;
  reopened: number;
  in_progress: number;
  with_reply: number;
  replies: number;
  closed: number;
  avg_replies_to_close: number | null;
  avg_close_seconds: number | null;
  close_sla_breaches: number;
  avg_first_response_seconds: number | null;
}

/*
 * $1 organization, $2 from (included), $3 to (excluded), $4 close target in seconds. `touched` is every ticket
 * something happened to in the period; `per` says per ticket what counts; the outer select adds them up.
 */
const sql = (key: string, grouped: boolean) => `
  WITH ch AS (
    SELECT ticket_id, at, from_status, to_status FROM ticket_changes WHERE organization_id = $1 AND at >= $2 AND at < $3
  ), msg AS (
    SELECT ticket_id, kind, author_user_id, created_at FROM ticket_messages WHERE organization_id = $1 AND created_at >= $2 AND created_at < $3
  ), touched AS (
    SELECT id AS ticket_id FROM tickets WHERE organization_id = $1 AND created_at >= $2 AND created_at < $3
    UNION SELECT ticket_id FROM ch
    UNION SELECT ticket_id FROM msg
  ), per AS (
    SELECT ${key} AS key, t.id, t.kind, t.created_at,
      (t.created_at >= $2 AND t.created_at < $3) AS is_new,
      EXISTS (SELECT 1 FROM ch WHERE ch.ticket_id = t.id AND ch.from_status = 'closed' AND ch.to_status <> 'closed') AS reopened,
      (EXISTS (SELECT 1 FROM ch WHERE ch.ticket_id = t.id AND ch.from_status IS NOT NULL)
        OR EXISTS (SELECT 1 FROM msg WHERE msg.ticket_id = t.id AND msg.author_user_id IS NOT NULL AND msg.created_at > t.created_at)) AS in_progress,
      (SELECT count(*) FROM msg WHERE msg.ticket_id = t.id AND msg.kind = 'call')::int AS replies,
      -- A creation closed (from_status NULL) is a close; closed → closed is not.
      (SELECT max(ch.at) FROM ch WHERE ch.ticket_id = t.id AND ch.to_status = 'closed' AND ch.from_status IS DISTINCT FROM 'closed') AS closed_at,
      EXISTS (SELECT 1 FROM ticket_messages m WHERE m.organization_id = $1 AND m.ticket_id = t.id AND m.kind = 'call') AS has_conversation,
      (SELECT min(m.created_at) FROM ticket_messages m WHERE m.organization_id = $1 AND m.ticket_id = t.id AND m.author_user_id IS NOT NULL) AS first_response_at
    FROM touched JOIN tickets t ON t.organization_id = $1 AND t.id = touched.ticket_id
  ), closes AS (
    SELECT per.*,
      (closed_at IS NOT NULL AND has_conversation) AS counts_closed,
      (closed_at IS NOT NULL AND closed_at <> created_at) AS timed_close,
      (SELECT count(*) FROM ticket_messages m WHERE m.organization_id = $1 AND m.ticket_id = per.id AND m.kind = 'call' AND m.created_at <= per.closed_at)::int AS replies_to_close
    FROM per
  )
  SELECT ${grouped ? 'key' : 'NULL::text AS key'},
    count(*) FILTER (WHERE is_new)::int AS new,
    count(*) FILTER (WHERE is_new AND kind IN ${FROM_CUSTOMER})::int AS new_from_customer,
    count(*) FILTER (WHERE reopened)::int AS reopened,
    count(*) FILTER (WHERE in_progress)::int AS in_progress,
    count(*) FILTER (WHERE replies > 0)::int AS with_reply,
    coalesce(sum(replies), 0)::int AS replies,
    count(*) FILTER (WHERE counts_closed)::int AS closed,
    round(avg(replies_to_close) FILTER (WHERE counts_closed), 2)::float8 AS avg_replies_to_close,
    round(avg(extract(epoch FROM closed_at - created_at)) FILTER (WHERE timed_close), 2)::float8 AS avg_close_seconds,
    count(*) FILTER (WHERE timed_close AND closed_at - created_at > make_interval(secs => $4))::int AS close_sla_breaches,
    round(avg(extract(epoch FROM first_response_at - created_at)) FILTER (WHERE is_new AND kind NOT IN ${CALL_KINDS} AND first_response_at IS NOT NULL), 2)::float8
      AS avg_first_response_seconds
  FROM closes
  ${grouped ? 'GROUP BY key ORDER BY key NULLS FIRST' : ''}`;

@Injectable()
export class TicketStatsRepository extends TicketStatsPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async figures(orgId: OrgId, q: TicketStatsQuery): Promise<TicketStatsFigures[]> {
    const rows = await tenantQuery<Row>(this.db, orgId, sql(KEY[q.groupBy], q.groupBy !== 'none'), [q.from, q.to, q.closeTargetSeconds]);
    return rows.map((r) => ({
      key: r.key, new: r.new, newFromCustomer: r.new_from_customer, reopened: r.reopened, inProgress: r.in_progress, withReply: r.with_reply,
      replies: r.replies, closed: r.closed, averageRepliesToClose: r.avg_replies_to_close, averageCloseSeconds: r.avg_close_seconds,
      closeSlaBreaches: r.close_sla_breaches, averageFirstResponseSeconds: r.avg_first_response_seconds,
    }));
  }
}
