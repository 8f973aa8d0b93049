import type { TicketDetailReply, TicketMessageReply, TicketReply } from '@santral/contracts';
import type { Ticket, TicketMessage } from './ticket';

export function toTicketReply(t: Ticket, callIds: string[]): TicketReply {
  return {
    ticketId: t.id, kind: t.kind, status: t.status, handset: t.handset, subject: t.subject,
    ...(t.summary ? { summary: t.summary } : {}), ...(t.callerNumber ? { callerNumber: t.callerNumber } : {}), ...(t.customerId ? { customerId: t.customerId } : {}),
    ...(t.assigneeUserId ? { assigneeUserId: t.assigneeUserId } : {}), ...(t.supersededBy ? { supersededBy: t.supersededBy } : {}),
    callIds, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString(), ...(t.closedAt ? { closedAt: t.closedAt.toISOString() } : {}),
  };
}

export function toMessageReply(m: TicketMessage): TicketMessageReply {
  return {
    messageId: m.id, kind: m.kind, ...(m.callId ? { callId: m.callId } : {}), ...(m.authorUserId ? { authorUserId: m.authorUserId } : {}),
    ...(m.body ? { body: m.body } : {}), ...(m.recordingUrl ? { recordingUrl: m.recordingUrl } : {}),
    ...(m.recordingSeconds !== null ? { recordingSeconds: m.recordingSeconds } : {}), createdAt: m.createdAt.toISOString(),
  };
}

export function toTicketDetail(t: Ticket, callIds: string[], messages: TicketMessage[]): TicketDetailReply {
  return { ...toTicketReply(t, callIds), messages: messages.map(toMessageReply) };
}
