import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, ValidateIf } from 'class-validator';
import { IsE164, IsEntityId, IsIntBetween, IsText, IsNested } from '../validation/decorators';
import {
  TICKET_HANDSETS,
  TICKET_KINDS,
  TICKET_STATUSES,
  type TicketHandset,
  type TicketKind,
  type TicketStatus,
} from '../vocabulary';

/** The screen-pop card (F1): who is calling and what is open for them. */
export class CustomerCardV1 {
  @IsEntityId()
  customerId: string;

  @IsText(200)
  name: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsE164({ each: true })
  phones: string[];

  @IsIntBetween(0, 1_000_000)
  openTicketCount: number;

  @IsOptional()
  @IsEntityId()
  lastTicketId?: string;

  @IsOptional()
  @IsText(2000)
  notes?: string;
}

/**
 * ticketing.customer.matched.v1 — the caller of an inbound call was looked up (B2);
 * `matched: false` asks for the quick "new customer" card.
 */
export class CustomerMatchedV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsE164()
  phone: string;

  @IsBoolean()
  matched: boolean;

  /** Present exactly when matched. */
  @ValidateIf((event: CustomerMatchedV1) => event.matched === true || event.customer !== undefined)
  @IsNested(() => CustomerCardV1)
  customer?: CustomerCardV1;

  /** Operators whose screens should pop; empty = every operator of the organization. */
  @IsArray()
  @IsEntityId({ each: true })
  operatorUserIds: string[];
}

export class TicketSnapshotV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  ticketId: string;

  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  @IsIn(TICKET_STATUSES)
  status: TicketStatus;

  @IsIn(TICKET_HANDSETS)
  handset: TicketHandset;

  @IsText(500)
  subject: string;

  @IsOptional()
  @IsEntityId()
  customerId?: string;

  @IsOptional()
  @IsEntityId()
  assigneeUserId?: string;

  /** Calls attached to the ticket, newest last. */
  @IsArray()
  @IsEntityId({ each: true })
  callIds: string[];
}

/** ticketing.ticket.created.v1 */
export class TicketCreatedV1 extends TicketSnapshotV1 {}

/** ticketing.ticket.updated.v1 — the snapshot after the change, and which fields changed. */
export class TicketUpdatedV1 extends TicketSnapshotV1 {
  @IsArray()
  @IsString({ each: true })
  changed: string[];

  @IsOptional()
  @IsIn(TICKET_STATUSES)
  previousStatus?: TicketStatus;
}
