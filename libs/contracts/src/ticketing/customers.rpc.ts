import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { IsE164, IsEntityId, IsIntBetween, IsJsonObject, IsNested, IsSeconds, IsStringMap, IsText, IsTimestamp } from '../validation/decorators';
import { CALL_DIRECTIONS, TICKET_HANDSETS, TICKET_STATUSES, type CallDirection, type TicketHandset, type TicketStatus } from '../vocabulary';

/** Request and reply bodies of rpc.ticketing.customer.* and rpc.ticketing.enrichment.* (B2, F1, J2, K7). */
export const CUSTOMER_LIMITS = {
  nameLength: 200,
  emailLength: 320,
  companyLength: 200,
  notesLength: 10_000,
  customFields: 50,
  customFieldLength: 1000,
  phones: 20,
  /** A phone as typed or as the PBX sends it (libs/phone MAX_PHONE_INPUT_LENGTH). */
  phoneInput: 64,
  queryLength: 200,
  listPageSize: 100,
  lastCalls: 5,
  /** The card's open tickets, newest first (openTicketCount counts them all). */
  openTickets: 20,
  enrichmentTimeout: { min: 50, max: 2000, default: 300 },
} as const;

const L = CUSTOMER_LIMITS;

/** Every field a customer may be written with; on update each is optional and `null` clears an optional one. */
export class CustomerFieldsV1 {
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @IsOptional()
  @IsText(L.emailLength)
  email?: string | null;

  @IsOptional()
  @IsText(L.companyLength)
  company?: string | null;

  @IsOptional()
  @IsText(L.notesLength)
  notes?: string | null;

  /** Free key/values of the business (`{"musteriNo": "A-1042"}`); searched like the other texts. */
  @IsOptional()
  @IsStringMap(L.customFields, L.customFieldLength)
  customFields?: Record<string, string>;
}

/** rpc.ticketing.customer.create — `name` is required; phones in any form, normalized with the organization's country. */
export class CustomerCreateRequest extends CustomerFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.phones)
  @IsText(L.phoneInput, { each: true })
  phones?: string[];

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.ticketing.customer.update */
export class CustomerUpdateRequest extends CustomerFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  customerId: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.ticketing.customer.get */
export class CustomerRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  customerId: string;
}

/** rpc.ticketing.customer.list — newest first; with `q`, only customers matching every word (prefixes count). */
export class CustomerListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsText(L.queryLength)
  q?: string;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

/** rpc.ticketing.customer.link — J2: add a number to a customer (the caller of an unknown call). */
export class CustomerPhoneLinkRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  customerId: string;

  @IsText(L.phoneInput)
  phone: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.ticketing.customer.unlink */
export class CustomerPhoneUnlinkRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  customerId: string;

  @IsText(L.phoneInput)
  phone: string;
}

export class CustomerReply {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  customerId: string;

  @IsText(L.nameLength)
  name: string;

  @IsOptional()
  @IsText(L.emailLength)
  email?: string;

  @IsOptional()
  @IsText(L.companyLength)
  company?: string;

  @IsOptional()
  @IsText(L.notesLength)
  notes?: string;

  @IsStringMap(L.customFields, L.customFieldLength)
  customFields: Record<string, string>;

  /** E.164, in the order they were linked. */
  @IsArray()
  @IsE164({ each: true })
  phones: string[];

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;
}

export class CustomerPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CustomerReply)
  items: CustomerReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/** rpc.ticketing.customer.card — the screen-pop lookup by a phone in any form the PBX sends. */
export class CustomerCardRequest {
  @IsEntityId()
  organizationId: string;

  @IsText(L.phoneInput)
  phone: string;
}

export class CardTicketV1 {
  @IsEntityId()
  ticketId: string;

  @IsText(500)
  subject: string;

  @IsIn(TICKET_STATUSES)
  status: TicketStatus;

  @IsIn(TICKET_HANDSETS)
  handset: TicketHandset;

  @IsTimestamp()
  updatedAt: string;
}

export class CardCallV1 {
  @IsEntityId()
  callId: string;

  @IsIn(CALL_DIRECTIONS)
  direction: CallDirection;

  /** The normalized end reason (`completed`, `no_answer`, …). */
  @IsText(64)
  reason: string;

  @IsSeconds()
  talkSeconds: number;

  @IsTimestamp()
  endedAt: string;
}

export const ENRICHMENT_STATUSES = ['off', 'ok', 'cached', 'timeout', 'failed'] as const;
export type EnrichmentStatus = (typeof ENRICHMENT_STATUSES)[number];

/** What the business's own system added to the card (K7); `data` only when ok or cached. */
export class CardEnrichmentV1 {
  @IsIn(ENRICHMENT_STATUSES)
  status: EnrichmentStatus;

  @IsOptional()
  @IsJsonObject(16_384)
  data?: Record<string, unknown>;
}

/** The screen-pop card (F1): the customer, or matched=false for the "new customer" card. */
export class CustomerCardReply {
  @IsBoolean()
  matched: boolean;

  /** The caller's number in E.164 when it normalizes; else absent (the card still lists calls by its key). */
  @IsOptional()
  @IsE164()
  phone?: string;

  /** The number as it was asked for. */
  @IsText(L.phoneInput)
  rawPhone: string;

  @IsOptional()
  @IsNested(() => CustomerReply)
  customer?: CustomerReply;

  @IsIntBetween(0, 1_000_000)
  openTicketCount: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CardTicketV1)
  openTickets: CardTicketV1[];

  @IsOptional()
  @IsEntityId()
  lastTicketId?: string;

  /** The number's last calls, newest first. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CardCallV1)
  lastCalls: CardCallV1[];

  @IsNested(() => CardEnrichmentV1)
  enrichment: CardEnrichmentV1;
}

/** rpc.ticketing.enrichment.configure — the organization's lookup URL (K7); `url: null` turns it off. */
export class EnrichmentConfigureRequest {
  @IsEntityId()
  organizationId: string;

  /** An http(s) URL (the ticketing service refuses any other with VALIDATION_FAILED on `url`). */
  @IsOptional()
  @IsText(2000)
  url?: string | null;

  @IsOptional()
  @IsIntBetween(L.enrichmentTimeout.min, L.enrichmentTimeout.max)
  timeoutMs?: number;

  /** A new signing secret replaces the old one (shown once in the reply). */
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}

/** rpc.ticketing.enrichment.get */
export class EnrichmentRequest {
  @IsEntityId()
  organizationId: string;
}

export class EnrichmentReply {
  @IsBoolean()
  enabled: boolean;

  @IsOptional()
  @IsText(2000)
  url?: string;

  @IsIntBetween(L.enrichmentTimeout.min, L.enrichmentTimeout.max)
  timeoutMs: number;

  /** Standard Webhooks secret (`whsec_…`) the requests are signed with; only when it was just made. */
  @IsOptional()
  @IsText(200)
  secret?: string;
}
