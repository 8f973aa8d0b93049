import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { encodeCursor, tenantQuery, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import type { Customer, CustomerPhone } from './customer';
import { searchText } from './customer-search';
import { CustomersPort } from './customers.port';

export interface CustomerRow {
  id: string;
  organization_id: string;
  name: string;
  email: string | null;
  company: string | null;
  notes: string | null;
  custom_fields: Record<string, string>;
  phones: CustomerPhone[] | null;
  created_at: Date;
  updated_at: Date;
  cursor_at?: string;
}

/** The customer's columns and its phones (in the order they were linked) as one JSON array; `c` is the customers row. */
export const CUSTOMER_SELECT = `c.id, c.organization_id, c.name, c.email, c.company, c.notes, c.custom_fields, c.created_at, c.updated_at,
  (SELECT json_agg(json_build_object('e164', p.e164, 'callerIdKey', p.caller_id_key) ORDER BY p.seq)
     FROM customer_phones p WHERE p.organization_id = c.organization_id AND p.customer_id = c.id) AS phones`;

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    email: r.email,
    company: r.company,
    notes: r.notes,
    customFields: r.custom_fields,
    phones: r.phones ?? [],
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

@Injectable()
export class CustomerRepository extends CustomersPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async insert(c: Customer, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      c.organizationId as OrgId,
      `INSERT INTO customers (organization_id, id, name, email, company, notes, custom_fields, search_text, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)`,
      [c.id, c.name, c.email, c.company, c.notes, JSON.stringify(c.customFields), searchText(c), c.createdAt, c.updatedAt],
    );
  }

  async update(c: Customer, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      c.organizationId as OrgId,
      `UPDATE customers SET name = $3, email = $4, company = $5, notes = $6, custom_fields = $7::jsonb, search_text = $8, updated_at = $9
       WHERE organization_id = $1 AND id = $2`,
      [c.id, c.name, c.email, c.company, c.notes, JSON.stringify(c.customFields), searchText(c), c.updatedAt],
    );
  }

  async findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Customer | null> {
    await tenantQuery(tx, orgId, `SELECT 1 FROM customers WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [id]);
    const rows = await tenantQuery<CustomerRow>(tx, orgId, `SELECT ${CUSTOMER_SELECT} FROM customers c WHERE c.organization_id = $1 AND c.id = $2`, [id]);
    return rows[0] ? toCustomer(rows[0]) : null;
  }

  async find(orgId: OrgId, id: string): Promise<Customer | null> {
    const rows = await tenantQuery<CustomerRow>(this.db, orgId, `SELECT ${CUSTOMER_SELECT} FROM customers c WHERE c.organization_id = $1 AND c.id = $2`, [id]);
    return rows[0] ? toCustomer(rows[0]) : null;
  }

  async page(orgId: OrgId, page: PageRequest, tsquery: string | null): Promise<Page<Customer>> {
    const params: unknown[] = [page.limit + 1];
    let where = '';
    if (tsquery !== null) {
      params.push(tsquery);
      where += ` AND c.search @@ to_tsquery('simple', $${params.length + 1})`;
    }
    if (page.after) {
      params.push(page.after.createdAt, page.after.id);
      where += ` AND (c.created_at, c.id) < ($${params.length}::timestamptz, $${params.length + 1}::uuid)`;
    }
    const rows = await tenantQuery<CustomerRow>(
      this.db,
      orgId,
      `SELECT ${CUSTOMER_SELECT}, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM customers c WHERE c.organization_id = $1 ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items: items.map(toCustomer), nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.cursor_at!, id: last.id }) : null };
  }

  async addPhone(orgId: OrgId, customerId: string, phone: { e164: string; callerIdKey: string }, at: Date, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(
      tx,
      orgId,
      `INSERT INTO customer_phones (organization_id, caller_id_key, customer_id, e164, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, caller_id_key) DO NOTHING RETURNING 1`,
      [phone.callerIdKey, customerId, phone.e164, at],
    );
    return rows.length > 0;
  }

  async ownerOf(orgId: OrgId, callerIdKey: string, tx: Tx): Promise<string | null> {
    const rows = await tenantQuery<{ customer_id: string }>(tx, orgId, `SELECT customer_id FROM customer_phones WHERE organization_id = $1 AND caller_id_key = $2`, [callerIdKey]);
    return rows[0]?.customer_id ?? null;
  }

  async removePhone(orgId: OrgId, customerId: string, callerIdKey: string, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(tx, orgId, `DELETE FROM customer_phones WHERE organization_id = $1 AND customer_id = $2 AND caller_id_key = $3 RETURNING 1`, [customerId, callerIdKey]);
    return rows.length > 0;
  }
}
