import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { encodeCursor, tenantQuery, type OrgId, type Page, type PageRequest } from '@santral/persistence';
import type { CallList, Contact } from './call-list';
import { CallListsPort } from './call-lists.port';

const CURSOR_AT = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

interface ListRow { id: string; organization_id: string; name: string; country: string; contact_count: string; created_at: Date; cursor_at: string }
interface ContactRow { id: string; phone: string; name: string | null; time_zone: string | null; variables: Record<string, string>; on_dnc: boolean; line: number; created_at: Date; cursor_at: string }

const toList = (r: ListRow): CallList => ({ id: r.id, organizationId: r.organization_id, name: r.name, country: r.country, contactCount: Number(r.contact_count), createdAt: r.created_at });
const toContact = (r: ContactRow): Contact => ({ id: r.id, phone: r.phone, name: r.name, timeZone: r.time_zone, variables: r.variables, onDnc: r.on_dnc, line: r.line, createdAt: r.created_at });

/** Keyset page (newest first) of rows read with `cursor_at`/`id`, one extra row telling whether there is more. */
function pageOf<R extends { id: string; cursor_at: string }, T>(rows: R[], limit: number, map: (r: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.cursor_at, id: last.id }) : null };
}

@Injectable()
export class CallListRepository extends CallListsPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async insert(list: Omit<CallList, 'contactCount'>): Promise<void> {
    await tenantQuery(this.db, list.organizationId as OrgId, `INSERT INTO call_lists (organization_id, id, name, country, created_at) VALUES ($1, $2, $3, $4, $5)`, [list.id, list.name, list.country, list.createdAt]);
  }

  async find(orgId: OrgId, id: string): Promise<CallList | null> {
    const rows = await tenantQuery<ListRow>(
      this.db,
      orgId,
      `SELECT l.*, ${CURSOR_AT.replace('created_at', 'l.created_at')}, (SELECT count(*) FROM contacts c WHERE c.organization_id = $1 AND c.call_list_id = l.id) AS contact_count
       FROM call_lists l WHERE l.organization_id = $1 AND l.id = $2`,
      [id],
    );
    return rows[0] ? toList(rows[0]) : null;
  }

  async page(orgId: OrgId, page: PageRequest): Promise<Page<CallList>> {
    const after = page.after ? `AND (l.created_at, l.id) < ($3::timestamptz, $4::uuid)` : '';
    const rows = await tenantQuery<ListRow>(
      this.db,
      orgId,
      `SELECT l.*, ${CURSOR_AT.replace('created_at', 'l.created_at')}, (SELECT count(*) FROM contacts c WHERE c.organization_id = $1 AND c.call_list_id = l.id) AS contact_count
       FROM call_lists l WHERE l.organization_id = $1 ${after} ORDER BY l.created_at DESC, l.id DESC LIMIT $2`,
      page.after ? [page.limit + 1, page.after.createdAt, page.after.id] : [page.limit + 1],
    );
    return pageOf(rows, page.limit, toList);
  }

  async contacts(orgId: OrgId, callListId: string, page: PageRequest): Promise<Page<Contact>> {
    // Newest first by id (uuid v7: the order contacts were made), on the (call_list_id, id) index; the cursor's time is not needed.
    const after = page.after ? `AND id < $4::uuid` : '';
    const rows = await tenantQuery<ContactRow>(
      this.db,
      orgId,
      `SELECT id, phone, name, time_zone, variables, on_dnc, line, created_at, ${CURSOR_AT}
       FROM contacts WHERE organization_id = $1 AND call_list_id = $2 ${after} ORDER BY id DESC LIMIT $3`,
      page.after ? [callListId, page.limit + 1, page.after.id] : [callListId, page.limit + 1],
    );
    return pageOf(rows, page.limit, toContact);
  }
}
