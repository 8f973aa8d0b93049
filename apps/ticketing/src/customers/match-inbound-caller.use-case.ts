import { Injectable } from '@nestjs/common';
import type { CustomerMatchedV1, TelephonyInboundReceivedV1 } from '@santral/contracts';
import { asOrgId, type Tx } from '@santral/persistence';
import { callerIdKey, normalizePhoneNumber } from '@santral/phone';
import { CardReader, CustomerMatchedEvents, InboundMatchesPort, OrganizationCountry } from './customers.port';

const EVENT_NOTES_LENGTH = 2000;

/**
 * telephony.inbound.received.v1 → the caller is looked up (B2) and ticketing.customer.matched.v1
 * is written with it, once per call (a repeated inbound fact, even with another event id, pops no
 * second card). The inbound fact names no operators yet, so operatorUserIds is [] (every operator).
 * A withheld or unusable caller number is claimed and publishes nothing: there is no number to show.
 */
@Injectable()
export class MatchInboundCallerUseCase {
  constructor(
    private readonly cards: CardReader,
    private readonly matches: InboundMatchesPort,
    private readonly events: CustomerMatchedEvents,
    private readonly country: OrganizationCountry,
  ) {}

  async execute(fact: TelephonyInboundReceivedV1, at: Date, tx: Tx): Promise<boolean> {
    const orgId = asOrgId(fact.organizationId);
    const country = (await this.country.of(orgId, tx)) ?? undefined;
    const raw = fact.from ?? fact.rawFrom;
    const normalized = fact.from ? null : normalizePhoneNumber(fact.rawFrom, country);
    const phone = fact.from ?? (normalized?.ok ? normalized.e164 : null);
    const key = callerIdKey(phone ?? raw, country);
    const read = key === null ? null : await this.cards.read(orgId, key, 0, tx);
    const customer = read?.customer ?? null;
    if (!(await this.matches.claim(orgId, fact.callId, key, customer?.id ?? null, at, tx))) return false;
    if (phone === null) return false;
    const event: CustomerMatchedV1 = { organizationId: orgId, callId: fact.callId, phone, matched: customer !== null, operatorUserIds: [] };
    if (customer && read) {
      const { tickets } = read;
      event.customer = {
        customerId: customer.id,
        name: customer.name,
        phones: customer.phones.map((p) => p.e164),
        openTicketCount: tickets.openTicketCount,
        ...(tickets.lastTicketId ? { lastTicketId: tickets.lastTicketId } : {}),
        ...(customer.notes ? { notes: customer.notes.slice(0, EVENT_NOTES_LENGTH) } : {}),
      };
    }
    await this.events.matched(event, tx);
    return true;
  }
}
