import { Injectable } from '@nestjs/common';
import { CUSTOMER_LIMITS, DomainError, type CustomerCardReply, type CustomerCardRequest } from '@santral/contracts';
import { asOrgId, type OrgId } from '@santral/persistence';
import { callerIdKey, normalizePhoneNumber } from '@santral/phone';
import { toCustomerReply } from './customer.view';
import { CardReader, EnrichmentClient, OrganizationCountry } from './customers.port';

/**
 * The screen-pop card (F1, K7) for a number in whatever form the PBX sends (+90, 0, 00, spaces,
 * dashes, brackets: one caller-ID key). One statement reads the customer, the customer's tickets and
 * the number's last calls; then the business's own system (enrichment, bounded by its timeout). No customer: the "new customer" card (matched: false) with the normalized number.
 */
@Injectable()
export class LookupCardUseCase {
  constructor(
    private readonly cards: CardReader,
    private readonly enrichment: EnrichmentClient,
    private readonly country: OrganizationCountry,
  ) {}

  async execute(input: CustomerCardRequest): Promise<CustomerCardReply> {
    const orgId = asOrgId(input.organizationId);
    const country = (await this.country.of(orgId)) ?? undefined;
    // A number that normalizes has its E.164 as its caller-ID key (libs/phone rule 1): one parse.
    const normalized = normalizePhoneNumber(input.phone, country);
    const phone = normalized.ok ? normalized.e164 : null;
    const key = phone ?? callerIdKey(input.phone, country);
    if (key === null) {
      throw new DomainError('NOT_A_NUMBER', 'Invalid phone number format: no digits to look up', { errors: [{ field: 'phone', message: 'phone has no digits', code: 'NOT_A_NUMBER' }] });
    }
    return this.card(orgId, key, phone, input.phone);
  }

  private async card(orgId: OrgId, key: string, phone: string | null, rawPhone: string): Promise<CustomerCardReply> {
    const read = await this.cards.read(orgId, key, CUSTOMER_LIMITS.lastCalls);
    const { customer, tickets } = read;
    const enrichment = await this.enrichment.enrich(orgId, { phone, rawPhone, customerId: customer?.id ?? null });
    return {
      matched: customer !== null,
      ...(phone ? { phone } : {}),
      rawPhone,
      ...(customer ? { customer: toCustomerReply(customer) } : {}),
      openTicketCount: tickets.openTicketCount,
      openTickets: tickets.openTickets.map((t) => ({ ...t, updatedAt: t.updatedAt.toISOString() })),
      ...(tickets.lastTicketId ? { lastTicketId: tickets.lastTicketId } : {}),
      lastCalls: read.lastCalls.map((c) => ({ callId: c.callId, direction: c.direction, reason: c.reason, talkSeconds: c.talkSeconds, endedAt: c.endedAt.toISOString() })),
      enrichment: 'data' in enrichment ? { status: enrichment.status, data: enrichment.data } : { status: enrichment.status },
    };
  }
}
