import type { TicketKind } from '@santral/contracts';
import type { Handset, TicketStatus } from '@santral/call-state';
import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import type { CallTrack } from './call-track';
import type { Ticket, TicketCallRole, TicketMessage } from './ticket';

export interface TicketFilters {
  status?: TicketStatus;
  kind?: TicketKind;
  handset?: Handset;
  customerId?: string;
  assigneeUserId?: string;
  callerNumber?: string;
}

export interface TicketCallLink {
  callId: string;
  /** The operator's user id, '' for a call nobody took (missed). */
  operatorKey: string;
  ticketId: string;
  role: TicketCallRole;
  at: Date;
}

/** Port: where tickets, the calls on them and their messages are kept. Every method takes the organization. */
export abstract class TicketsPort {
  abstract insert(ticket: Ticket, tx: Tx): Promise<void>;
  abstract update(ticket: Ticket, tx: Tx): Promise<void>;
  /** Locks the row for the caller's transaction. */
  abstract findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Ticket | null>;
  /** Without a lock; inside the caller's transaction when given one (never a second pooled connection while it holds one). */
  abstract find(orgId: OrgId, id: string, tx?: Tx): Promise<Ticket | null>;
  abstract page(orgId: OrgId, filters: TicketFilters, page: PageRequest): Promise<Page<Ticket>>;
  /** True when the link is new (a conversation never gets two tickets: the key is call + operator). */
  abstract linkCall(orgId: OrgId, link: TicketCallLink, tx: Tx): Promise<boolean>;
  /** The calls on a ticket, oldest first, each once. */
  abstract callIds(orgId: OrgId, ticketId: string, tx?: Tx): Promise<string[]>;
  /** The calls on each of several tickets (one query for a page of them). */
  abstract callIdsByTicket(orgId: OrgId, ticketIds: string[]): Promise<Map<string, string[]>>;
  /** operator key → ticket id, for the conversations of one call that have a ticket. */
  abstract ticketsOfCall(orgId: OrgId, callId: string, tx: Tx): Promise<Map<string, string>>;
  abstract addMessage(orgId: OrgId, message: TicketMessage, tx: Tx): Promise<void>;
  abstract messages(orgId: OrgId, ticketId: string, tx?: Tx): Promise<TicketMessage[]>;
  /** Puts the call's recording on its messages that have none yet. */
  abstract attachRecording(orgId: OrgId, callId: string, url: string, seconds: number, tx: Tx): Promise<void>;
  /** Missed-call tickets of the number (or customer) not closed, newest first, locked; the caller is locked too (J8). */
  abstract openMissedFor(orgId: OrgId, number: string | null, customerId: string | null, tx: Tx): Promise<Ticket[]>;
  /** J8: a conversation with the number happened; its open missed tickets take no more missed calls. */
  abstract endMissedGrouping(orgId: OrgId, number: string | null, customerId: string | null, tx: Tx): Promise<void>;
}

/** Port: the folded facts of each call. */
export abstract class CallTracksPort {
  /** Creates the call's track when missing, then locks it for the caller's transaction. */
  abstract lockOrCreate(orgId: OrgId, callId: string, tx: Tx): Promise<CallTrack>;
  /** Locks an existing track; null when ticketing has heard nothing of the call. */
  abstract findForUpdate(orgId: OrgId, callId: string, tx: Tx): Promise<CallTrack | null>;
  abstract save(orgId: OrgId, callId: string, track: CallTrack, at: Date, tx: Tx): Promise<void>;
}

/** Port: ticketing.ticket.created|updated.v1 written in the caller's transaction (outbox). */
export abstract class TicketEventsPort {
  abstract created(ticket: Ticket, callIds: string[], tx: Tx): Promise<void>;
  abstract updated(ticket: Ticket, callIds: string[], changed: string[], previousStatus: TicketStatus | undefined, tx: Tx): Promise<void>;
}

/** One thing that happened to a ticket: its creation (fromStatus null), a status move, a change of fields or calls (J11). */
export interface TicketChange {
  ticketId: string;
  at: Date;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  changed: string[];
}

/** Port: the history the ticket statistics read, written in the caller's transaction. */
export abstract class TicketHistoryPort {
  abstract record(orgId: OrgId, change: TicketChange, tx: Tx): Promise<void>;
}
