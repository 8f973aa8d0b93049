import { DialerSubjects, TelephonySubjects, TicketingSubjects } from '@santral/contracts';
import type { ScreenPopScope } from './stream-token';

/** The event types the live stream carries (its SSE `event:` names), in the order of DESIGN §3's inbound flow. */
export const STREAMED_TYPES: readonly string[] = [
  TelephonySubjects.InboundReceived,
  TicketingSubjects.CustomerMatched,
  DialerSubjects.CallRinging,
  DialerSubjects.CallAnswered,
  DialerSubjects.CallForwarding,
  DialerSubjects.CallEnded,
  TicketingSubjects.TicketCreated,
  TicketingSubjects.TicketUpdated,
];

const STREAMED = new Set(STREAMED_TYPES);

/** One event of the events stream as the live stream reads it. */
export interface StreamedEvent {
  /** The JetStream stream sequence: the SSE `id:` (what Last-Event-ID resumes after). */
  seq: number;
  /** The envelope's id: the same event published twice (past the stream's duplicate window) is sent once. */
  eventId?: string;
  type: string;
  orgid: string | null;
  data: unknown;
}

/** Who is on the other end of one connection. */
export interface StreamAudience {
  organizationId: string;
  userId: string | null;
  screenPops: ScreenPopScope;
}

/**
 * Whether `event` goes to `audience`: only its own organization's events of the streamed types;
 * a screen-pop (`ticketing.customer.matched.v1`) to an operator only when it lists them in
 * operatorUserIds, or lists nobody (the contract's "every operator of the organization");
 * call state and ticket changes to every connection of the organization.
 */
export function isFor(audience: StreamAudience, event: StreamedEvent): boolean {
  if (event.orgid !== audience.organizationId || !STREAMED.has(event.type)) return false;
  if (event.type !== TicketingSubjects.CustomerMatched || audience.screenPops === 'all') return true;
  const listed = (event.data as { operatorUserIds?: unknown } | null)?.operatorUserIds;
  if (!Array.isArray(listed) || listed.length === 0) return true;
  return audience.userId !== null && listed.some((id) => typeof id === 'string' && id.toLowerCase() === audience.userId);
}

/** One SSE frame: `id:` the stream sequence, `event:` the type, `data:` the envelope's data as one JSON line. */
export function sseFrame(event: StreamedEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data ?? null)}\n\n`;
}
