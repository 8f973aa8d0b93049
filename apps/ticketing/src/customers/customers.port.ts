import type { Handset, TicketStatus } from '@santral/call-state';
import type { CustomerMatchedV1 } from '@santral/contracts';
import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import type { Customer, CustomerCall, EnrichmentSettings } from './customer';

/** Port: where the organization's customers and their phones are kept. */
export abstract class CustomersPort {
  abstract insert(customer: Customer, tx: Tx): Promise<void>;
  /** Locks the row for the caller's transaction. */
  abstract findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Customer | null>;
  abstract update(customer: Customer, tx: Tx): Promise<void>;
  abstract find(orgId: OrgId, id: string): Promise<Customer | null>;
  /** Newest first; `tsquery` (to_tsquery text) keeps only matching customers. */
  abstract page(orgId: OrgId, page: PageRequest, tsquery: string | null): Promise<Page<Customer>>;
  /** Adds a phone; false when the number already belongs to a customer of the organization. */
  abstract addPhone(orgId: OrgId, customerId: string, phone: { e164: string; callerIdKey: string }, at: Date, tx: Tx): Promise<boolean>;
  /** The customer holding a caller-ID key, if any. */
  abstract ownerOf(orgId: OrgId, callerIdKey: string, tx: Tx): Promise<string | null>;
  abstract removePhone(orgId: OrgId, customerId: string, callerIdKey: string, tx: Tx): Promise<boolean>;
}

/** What the screen-pop card shows of the customer's tickets: the open ones, newest first, and the last one. */
export interface CustomerTicketSummary {
  openTicketCount: number;
  openTickets: Array<{ ticketId: string; subject: string; status: TicketStatus; handset: Handset; updatedAt: Date }>;
  lastTicketId?: string;
}

/** What one lookup reads in one query: the number's customer (if any), the customer's tickets and the number's last calls. */
export interface CardRead {
  customer: Customer | null;
  /** No customer: no tickets. */
  tickets: CustomerTicketSummary;
  lastCalls: CustomerCall[];
}

/** Port: the screen-pop's read path by caller-ID key. */
export abstract class CardReader {
  abstract read(orgId: OrgId, callerIdKey: string, callLimit: number, tx?: Tx): Promise<CardRead>;
}

/** Port: the number-keyed projection of ended calls (dialer.call.ended.v1). */
export abstract class CustomerCallsPort {
  /** Idempotent per call. */
  abstract record(orgId: OrgId, call: CustomerCall, tx: Tx): Promise<void>;
}

/** Port: one customer.matched per inbound call. */
export abstract class InboundMatchesPort {
  /** True the first time a call is claimed. */
  abstract claim(orgId: OrgId, callId: string, callerIdKey: string | null, customerId: string | null, at: Date, tx: Tx): Promise<boolean>;
}

/** Port: ticketing.customer.matched.v1 written in the caller's transaction (outbox). */
export abstract class CustomerMatchedEvents {
  abstract matched(event: CustomerMatchedV1, tx: Tx): Promise<void>;
}

/** Port: the organization's default country (B1), from the organization events. */
export abstract class OrganizationCountry {
  /** Inside a transaction, pass it: a second pooled connection while one is held can starve a small pool. */
  abstract of(orgId: OrgId, tx?: Tx): Promise<string | null>;
}

/** Port: the organization's enrichment settings (K7). */
export abstract class EnrichmentSettingsPort {
  abstract get(orgId: OrgId, tx?: Tx): Promise<EnrichmentSettings | null>;
  abstract put(orgId: OrgId, settings: EnrichmentSettings, at: Date, tx: Tx): Promise<void>;
}

export type EnrichmentOutcome = { status: 'off' | 'timeout' | 'failed' } | { status: 'ok' | 'cached'; data: Record<string, unknown> };

/** Port: asks the business's own system about a caller, within the organization's time budget. */
export abstract class EnrichmentClient {
  abstract enrich(orgId: OrgId, request: { phone: string | null; rawPhone: string; customerId: string | null }): Promise<EnrichmentOutcome>;
  /** The organization's settings changed: drop what this replica cached for it. */
  abstract forget(orgId: OrgId): void;
}
