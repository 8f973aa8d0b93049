import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { IsE164, IsEntityId, IsIntBetween, IsText, IsTimestamp } from '../validation/decorators';
import { TICKET_HANDSETS, TICKET_KINDS, TICKET_STATUSES, type TicketHandset, type TicketKind, type TicketStatus } from '../vocabulary';

/** Request and reply bodies of rpc.ticketing.ticket.* and rpc.ticketing.call_draft.* (J1–J10). */
export const TICKET_LIMITS = { subject: 500, summary: 10_000, pageSize: 100 } as const;

/** The statuses a person may set by hand (PATCH); `new` only a call makes. */
export const TICKET_SETTABLE_STATUSES = ['open', 'pending', 'closed'] as const;
export type TicketSettableStatus = (typeof TICKET_SETTABLE_STATUSES)[number];

/** rpc.ticketing.ticket.create — the operator on a call makes its ticket (J1). */
export class TicketCreateRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  /** The operator on the call on whose behalf the ticket is made. */
  @IsEntityId()
  operatorUserId: string;

  @IsText(TICKET_LIMITS.subject)
  subject: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.summary)
  summary?: string;
}

/** rpc.ticketing.ticket.attach_call — the call goes on an earlier call ticket of the customer (J1, J10). */
export class TicketAttachCallRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  ticketId: string;

  @IsEntityId()
  callId: string;

  @IsEntityId()
  operatorUserId: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.summary)
  summary?: string;
}

export class TicketRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  ticketId: string;
}

export class TicketUpdateRequest extends TicketRequest {
  @IsOptional()
  @IsText(TICKET_LIMITS.subject)
  subject?: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.summary)
  summary?: string;

  @IsOptional()
  @IsIn(TICKET_SETTABLE_STATUSES)
  status?: TicketSettableStatus;
}

export class TicketListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @IsIn(TICKET_KINDS)
  kind?: TicketKind;

  @IsOptional()
  @IsIn(TICKET_HANDSETS)
  handset?: TicketHandset;

  @IsOptional()
  @IsEntityId()
  customerId?: string;

  @IsOptional()
  @IsEntityId()
  assigneeUserId?: string;

  @IsOptional()
  @IsE164()
  callerNumber?: string;

  @IsOptional()
  @IsIntBetween(1, TICKET_LIMITS.pageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

/** A ticket as the API shows it. */
export class TicketReply {
  @IsEntityId()
  ticketId: string;

  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  @IsIn(TICKET_STATUSES)
  status: TicketStatus;

  @IsIn(TICKET_HANDSETS)
  handset: TicketHandset;

  @IsText(TICKET_LIMITS.subject)
  subject: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.summary)
  summary?: string;

  @IsOptional()
  @IsE164()
  callerNumber?: string;

  @IsOptional()
  @IsEntityId()
  customerId?: string;

  @IsOptional()
  @IsEntityId()
  assigneeUserId?: string;

  /** The missed-call ticket was closed because this newer ticket took the customer's matter (J10). */
  @IsOptional()
  @IsEntityId()
  supersededBy?: string;

  @IsArray()
  @IsEntityId({ each: true })
  callIds: string[];

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;

  @IsOptional()
  @IsTimestamp()
  closedAt?: string;
}

/** One message of a ticket: a call with its summary and recording, an unanswered attempt, a missed call. */
export class TicketMessageReply {
  @IsEntityId()
  messageId: string;

  @IsIn(['call', 'attempt', 'missed_call'])
  kind: 'call' | 'attempt' | 'missed_call';

  @IsOptional()
  @IsEntityId()
  callId?: string;

  @IsOptional()
  @IsEntityId()
  authorUserId?: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.summary)
  body?: string;

  @IsOptional()
  @IsText(2000)
  recordingUrl?: string;

  @IsOptional()
  @IsIntBetween(0, 86_400)
  recordingSeconds?: number;

  @IsTimestamp()
  createdAt: string;
}

export class TicketDetailReply extends TicketReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TicketMessageReply)
  messages: TicketMessageReply[];
}

export class TicketPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TicketReply)
  items: TicketReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/** rpc.ticketing.call_draft.save — what the operator typed before making a ticket (J3): used when the call ends without one. */
export class CallDraftSaveRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsEntityId()
  operatorUserId: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.subject)
  subject?: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.summary)
  summary?: string;
}

export class CallDraftReply {
  @IsEntityId()
  callId: string;

  @IsEntityId()
  operatorUserId: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.subject)
  subject?: string;

  @IsOptional()
  @IsText(TICKET_LIMITS.summary)
  summary?: string;
}
