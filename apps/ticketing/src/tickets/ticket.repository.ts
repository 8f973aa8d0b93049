import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Handset, TicketStatus } from '@santral/call-state';
import type { TicketKind } from '@santral/contracts';
import { encodeCursor, tenantQuery, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import type { Ticket, TicketMessage } from './ticket';
import { TicketsPort, type TicketCallLink, type TicketFilters } from './tickets.port';

interface TicketRow {
  organization_id: string;
  id: string;
  kind: TicketKind;
  status: TicketStatus;
  handset: Handset;
  subject: string;
  summary: string | null;
  caller_number: string | null;
  customer_id: string | null;
  assignee_user_id: string | null;
  superseded_by: string | null;
  reopen_count: number;
  groups_missed: boolean;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  cursor_at?: string;
}

interface MessageRow {
  id: string;
  ticket_id: string;
  kind: TicketMessage['kind'];
  call_id: string | null;
  author_user_id: string | null;
  body: string | null;
  recording_url: string | null;
  recording_seconds: number | null;
  created_at: Date;
}

const COLUMNS = `organization_id, id, kind, status, handset, subject, summary, caller_number, customer_id, assignee_user_id, superseded_by, reopen_count, groups_missed, created_at, updated_at, closed_at`;

const toTicket = (r: TicketRow): Ticket => ({
  organizationId: r.organization_id as OrgId, id: r.id, kind: r.kind, status: r.status, handset: r.handset, subject: r.subject, summary: r.summary,
  callerNumber: r.caller_number, customerId: r.customer_id, assigneeUserId: r.assignee_user_id, supersededBy: r.superseded_by, reopenCount: r.reopen_count,
  groupsMissed: r.groups_missed, createdAt: r.created_at, updatedAt: r.updated_at, closedAt: r.closed_at,
});

const toMessage = (r: MessageRow): TicketMessage => ({
  id: r.id, ticketId: r.ticket_id, kind: r.kind, callId: r.call_id, authorUserId: r.author_user_id, body: r.body, recordingUrl: r.recording_url,
  recordingSeconds: r.recording_seconds, createdAt: r.created_at,
});

const params = (t: Ticket): unknown[] => [t.id, t.kind, t.status, t.handset, t.subject, t.summary, t.callerNumber, t.customerId, t.assigneeUserId, t.supersededBy, t.reopenCount, t.groupsMissed, t.createdAt, t.updatedAt, t.closedAt];

// The customer when known, else the number: who "that customer" is for J8/J10 while the customers directory may have no match.
const WHO = `((customer_id IS NOT NULL AND customer_id = $3::uuid) OR ($3::uuid IS NULL AND caller_number = $2))`;

@Injectable()
export class TicketRepository extends TicketsPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async insert(t: Ticket, tx: Tx): Promise<void> {
    await tenantQuery(tx, t.organizationId, `INSERT INTO tickets (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`, params(t));
  }

  async update(t: Ticket, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      t.organizationId,
      `UPDATE tickets SET kind = $3, status = $4, handset = $5, subject = $6, summary = $7, caller_number = $8, customer_id = $9, assignee_user_id = $10,
         superseded_by = $11, reopen_count = $12, groups_missed = $13, updated_at = $15, closed_at = $16
       WHERE organization_id = $1 AND id = $2 AND created_at = $14`,
      params(t),
    );
  }

  async findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Ticket | null> {
    const rows = await tenantQuery<TicketRow>(tx, orgId, `SELECT ${COLUMNS} FROM tickets WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [id]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async find(orgId: OrgId, id: string, tx?: Tx): Promise<Ticket | null> {
    const rows = await tenantQuery<TicketRow>(tx ?? this.db, orgId, `SELECT ${COLUMNS} FROM tickets WHERE organization_id = $1 AND id = $2`, [id]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async page(orgId: OrgId, f: TicketFilters, page: PageRequest): Promise<Page<Ticket>> {
    const values: unknown[] = [page.limit + 1];
    const where: string[] = [];
    const add = (column: string, value: unknown) => {
      values.push(value);
      where.push(`${column} = $${values.length + 1}`);
    };
    if (f.status) add('status', f.status);
    if (f.kind) add('kind', f.kind);
    if (f.handset) add('handset', f.handset);
    if (f.customerId) add('customer_id', f.customerId);
    if (f.assigneeUserId) add('assignee_user_id', f.assigneeUserId);
    if (f.callerNumber) add('caller_number', f.callerNumber);
    if (page.after) {
      values.push(page.after.createdAt, page.after.id);
      where.push(`(created_at, id) < ($${values.length}::timestamptz, $${values.length + 1}::uuid)`);
    }
    const rows = await tenantQuery<TicketRow>(
      this.db,
      orgId,
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM tickets WHERE organization_id = $1 ${where.map((w) => `AND ${w}`).join(' ')} ORDER BY created_at DESC, id DESC LIMIT $2`,
      values,
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items: items.map(toTicket), nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.cursor_at!, id: last.id }) : null };
  }

  async linkCall(orgId: OrgId, l: TicketCallLink, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(
      tx,
      orgId,
      `INSERT INTO ticket_calls (organization_id, call_id, operator_key, ticket_id, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING call_id`,
      [l.callId, l.operatorKey, l.ticketId, l.role, l.at],
    );
    return rows.length > 0;
  }

  async callIds(orgId: OrgId, ticketId: string, tx?: Tx): Promise<string[]> {
    const rows = await tenantQuery<{ call_id: string }>(
      tx ?? this.db,
      orgId,
      `SELECT call_id FROM ticket_calls WHERE organization_id = $1 AND ticket_id = $2 GROUP BY call_id ORDER BY min(created_at), call_id`,
      [ticketId],
    );
    return rows.map((r) => r.call_id);
  }

  async callIdsByTicket(orgId: OrgId, ticketIds: string[]): Promise<Map<string, string[]>> {
    const rows = await tenantQuery<{ ticket_id: string; call_ids: string[] }>(
      this.db,
      orgId,
      `SELECT ticket_id, array_agg(call_id ORDER BY first_at, call_id) AS call_ids
       FROM (SELECT ticket_id, call_id, min(created_at) AS first_at FROM ticket_calls WHERE organization_id = $1 AND ticket_id = ANY($2::uuid[]) GROUP BY ticket_id, call_id) c
       GROUP BY ticket_id`,
      [ticketIds],
    );
    return new Map(rows.map((r) => [r.ticket_id, r.call_ids]));
  }

  async ticketsOfCall(orgId: OrgId, callId: string, tx: Tx): Promise<Map<string, string>> {
    const rows = await tenantQuery<{ operator_key: string; ticket_id: string }>(tx, orgId, `SELECT operator_key, ticket_id FROM ticket_calls WHERE organization_id = $1 AND call_id = $2`, [callId]);
    return new Map(rows.map((r) => [r.operator_key, r.ticket_id]));
  }

  async addMessage(orgId: OrgId, m: TicketMessage, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `INSERT INTO ticket_messages (organization_id, id, ticket_id, kind, call_id, author_user_id, body, recording_url, recording_seconds, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [m.id, m.ticketId, m.kind, m.callId, m.authorUserId, m.body, m.recordingUrl, m.recordingSeconds, m.createdAt],
    );
  }

  async messages(orgId: OrgId, ticketId: string, tx?: Tx): Promise<TicketMessage[]> {
    const rows = await tenantQuery<MessageRow>(
      tx ?? this.db,
      orgId,
      `SELECT id, ticket_id, kind, call_id, author_user_id, body, recording_url, recording_seconds, created_at FROM ticket_messages
       WHERE organization_id = $1 AND ticket_id = $2 ORDER BY created_at, id`,
      [ticketId],
    );
    return rows.map(toMessage);
  }

  async attachRecording(orgId: OrgId, callId: string, url: string, seconds: number, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `UPDATE ticket_messages SET recording_url = $3, recording_seconds = $4 WHERE organization_id = $1 AND call_id = $2 AND kind = 'call' AND recording_url IS NULL`,
      [callId, url, seconds],
    );
  }

  async openMissedFor(orgId: OrgId, number: string | null, customerId: string | null, tx: Tx): Promise<Ticket[]> {
    if (!number && !customerId) return [];
    // One caller's missed calls are grouped one at a time (J8): two at once must not both open a ticket.
    await tenantQuery(tx, orgId, `SELECT pg_advisory_xact_lock(hashtextextended($1::text || '/' || $2::text, 0))`, [customerId ?? number]);
    const rows = await tenantQuery<TicketRow>(
      tx,
      orgId,
      `SELECT ${COLUMNS} FROM tickets WHERE organization_id = $1 AND kind = 'missed_call' AND status <> 'closed' AND ${WHO}
       ORDER BY created_at DESC, id DESC FOR UPDATE`,
      [number, customerId],
    );
    return rows.map(toTicket);
  }

  async endMissedGrouping(orgId: OrgId, number: string | null, customerId: string | null, tx: Tx): Promise<void> {
    if (!number && !customerId) return;
    await tenantQuery(tx, orgId, `UPDATE tickets SET groups_missed = false WHERE organization_id = $1 AND kind = 'missed_call' AND groups_missed AND ${WHO}`, [number, customerId]);
  }}
