import { IdempotentCommands } from '@santral/service-kit';
import { FakeClock, FakeTransactions, keysetPageOf } from '@santral/testing';
import type { CustomerMatchedV1, TelephonyInboundReceivedV1 } from '@santral/contracts';
import { asOrgId, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import type { Customer, CustomerCall, CustomerPhone } from './customer';
import { CreateCustomerUseCase } from './create-customer.use-case';
import { CardReader, CustomerMatchedEvents, CustomersPort, EnrichmentClient, EnrichmentSettingsPort, InboundMatchesPort, OrganizationCountry, type CardRead, type CustomerTicketSummary, type EnrichmentOutcome } from './customers.port';
import type { EnrichmentSettings } from './customer';
import { ConfigureEnrichmentUseCase } from './configure-enrichment.use-case';
import { LinkPhoneUseCase } from './link-phone.use-case';
import { LookupCardUseCase } from './lookup-card.use-case';
import { MatchInboundCallerUseCase } from './match-inbound-caller.use-case';

const ORG_A = asOrgId('0190a000-0000-7000-8000-00000000000a');
const ORG_B = asOrgId('0190b000-0000-7000-8000-00000000000b');

class Commands extends IdempotentCommands {
  readonly transactions = new FakeTransactions();
  constructor() {
    super(new FakeTransactions());
  }
  override run<T>(_orgId: OrgId, _command: string, _key: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }
}

class InMemoryCustomers extends CustomersPort {
  readonly rows: Customer[] = [];
  readonly phones = new Map<string, string>();
  readonly txs: Tx[] = [];
  async insert(c: Customer, tx: Tx) {
    this.txs.push(tx);
    this.rows.push({ ...structuredClone(c), phones: [] });
  }
  async findForUpdate(orgId: OrgId, id: string) {
    return this.find(orgId, id);
  }
  async update(c: Customer) {
    this.rows.splice(this.rows.findIndex((r) => r.id === c.id), 1, structuredClone(c));
  }
  async find(orgId: OrgId, id: string) {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id);
    return row ? structuredClone(row) : null;
  }
  async page(orgId: OrgId, page: PageRequest): Promise<Page<Customer>> {
    return keysetPageOf(this.rows.filter((r) => r.organizationId === orgId), page);
  }
  async addPhone(orgId: OrgId, customerId: string, phone: CustomerPhone, _at: Date, tx: Tx) {
    this.txs.push(tx);
    const k = `${orgId}|${phone.callerIdKey}`;
    if (this.phones.has(k)) return false;
    this.phones.set(k, customerId);
    this.rows.find((r) => r.id === customerId)!.phones.push(phone);
    return true;
  }
  async ownerOf(orgId: OrgId, key: string) {
    return this.phones.get(`${orgId}|${key}`) ?? null;
  }
  async removePhone() {
    return false;
  }
}

/** The customer's tickets as the card reads them (fakes: the real reader reads the tickets table in the card's statement). */
type TicketsOf = (customerId: string) => CustomerTicketSummary;
const noTickets: TicketsOf = () => ({ openTicketCount: 0, openTickets: [] });
const oneOpenTicket: TicketsOf = (customerId) => ({
  openTicketCount: 1,
  openTickets: [{ ticketId: '0190c000-0000-7000-8000-00000000000c', subject: `About ${customerId}`, status: 'open', handset: 'red', updatedAt: new Date('2026-01-01T00:00:00Z') }],
  lastTicketId: '0190c000-0000-7000-8000-00000000000c',
});

class CustomersCardReader extends CardReader {
  readonly calls: CustomerCall[] = [];
  constructor(private readonly customers: InMemoryCustomers, private readonly ticketsOf: TicketsOf) {
    super();
  }
  async read(orgId: OrgId, key: string, limit: number): Promise<CardRead> {
    const id = this.customers.phones.get(`${orgId}|${key}`);
    const customer = id ? await this.customers.find(orgId, id) : null;
    return { customer, tickets: customer ? this.ticketsOf(customer.id) : noTickets(''), lastCalls: this.calls.filter((c) => c.callerIdKey === key).slice(0, limit) };
  }
}

class FixedCountry extends OrganizationCountry {
  constructor(private readonly countries: Record<string, string>) {
    super();
  }
  async of(orgId: OrgId) {
    return this.countries[orgId] ?? null;
  }
}

class FakeEnrichment extends EnrichmentClient {
  outcome: EnrichmentOutcome = { status: 'off' };
  asked: Array<{ phone: string | null; customerId: string | null }> = [];
  async enrich(_orgId: OrgId, r: { phone: string | null; rawPhone: string; customerId: string | null }) {
    this.asked.push({ phone: r.phone, customerId: r.customerId });
    return this.outcome;
  }
  forgotten: OrgId[] = [];
  forget(orgId: OrgId) {
    this.forgotten.push(orgId);
  }
}

class InMemoryEnrichmentSettings extends EnrichmentSettingsPort {
  readonly rows = new Map<string, EnrichmentSettings>();
  async get(orgId: OrgId) {
    return this.rows.get(orgId) ?? null;
  }
  async put(orgId: OrgId, s: EnrichmentSettings) {
    this.rows.set(orgId, { ...s });
  }
}

class Matches extends InboundMatchesPort {
  readonly claimed = new Set<string>();
  async claim(orgId: OrgId, callId: string) {
    const k = `${orgId}|${callId}`;
    if (this.claimed.has(k)) return false;
    this.claimed.add(k);
    return true;
  }
}

class RecordedMatches extends CustomerMatchedEvents {
  readonly events: Array<{ event: CustomerMatchedV1; tx: Tx }> = [];
  async matched(event: CustomerMatchedV1, tx: Tx) {
    this.events.push({ event, tx });
  }
}

function setup(tickets: TicketsOf = noTickets) {
  const customers = new InMemoryCustomers();
  const cards = new CustomersCardReader(customers, tickets);
  const country = new FixedCountry({ [ORG_A]: 'TR', [ORG_B]: 'DE' });
  const commands = new Commands();
  const clock = new FakeClock();
  const enrichment = new FakeEnrichment();
  const matches = new Matches();
  const events = new RecordedMatches();
  return {
    customers, cards, commands, enrichment, events,
    create: new CreateCustomerUseCase(customers, country, commands, clock),
    link: new LinkPhoneUseCase(customers, country, commands, clock),
    lookup: new LookupCardUseCase(cards, enrichment, country),
    match: new MatchInboundCallerUseCase(cards, matches, events, country),
  };
}

describe('customer use cases', () => {
  it("stores each phone E.164 with its caller-ID key in the organization's country, once, inside the command's transaction", async () => {
    const { create, customers, commands } = setup();
    const a = await create.execute({ organizationId: ORG_A, name: 'Ayşe', phones: ['0555 123 45 67', '+90 555 123 45 67', '0212 555 12 12'] });
    expect(a.phones).toEqual(['+905551234567', '+902125551212']);
    expect(customers.txs.every((tx) => tx === commands.transactions.tx)).toBe(true);
    const b = await create.execute({ organizationId: ORG_B, name: 'Jonas', phones: ['030 1234567'] });
    expect(b.phones).toEqual(['+49301234567']);
  });

  it('refuses a blank name, a number that does not normalize (naming phones.N), and an organization whose country is not known yet', async () => {
    const { create } = setup();
    await expect(create.execute({ organizationId: ORG_A, name: ' ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'name' }] } });
    await expect(create.execute({ organizationId: ORG_A, name: 'X', phones: ['0555 123 45 67', '12'] })).rejects.toMatchObject({ code: 'TOO_SHORT', extra: { errors: [{ field: 'phones.1' }] } });
    await expect(create.execute({ organizationId: asOrgId('0190d000-0000-7000-8000-00000000000d'), name: 'X', phones: ['0555 123 45 67'] })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('a number of another customer is PHONE_ALREADY_LINKED naming the holder; the same customer linking it again changes nothing', async () => {
    const { create, link } = setup();
    const a = await create.execute({ organizationId: ORG_A, name: 'A', phones: ['0555 123 45 67'] });
    const b = await create.execute({ organizationId: ORG_A, name: 'B' });
    await expect(link.execute({ organizationId: ORG_A, customerId: b.customerId, phone: '00905551234567' })).rejects.toMatchObject({ code: 'PHONE_ALREADY_LINKED', extra: { customerId: a.customerId, errors: [{ field: 'phone' }] } });
    await expect(create.execute({ organizationId: ORG_A, name: 'C', phones: ['(0555) 123-45-67'] })).rejects.toMatchObject({ code: 'PHONE_ALREADY_LINKED' });
    await expect(link.execute({ organizationId: ORG_A, customerId: a.customerId, phone: '+90 555 123 45 67' })).resolves.toMatchObject({ phones: ['+905551234567'] });
    await expect(link.execute({ organizationId: ORG_B, customerId: a.customerId, phone: '+905551234567' })).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
  });

  it('the card: customer, the tickets port, last calls and enrichment; no match is the "new customer" card without asking the tickets', async () => {
    const { create, lookup, enrichment, cards } = setup(oneOpenTicket);
    const a = await create.execute({ organizationId: ORG_A, name: 'A', notes: 'not', phones: ['0555 123 45 67'] });
    cards.calls.push({ callId: '0190e000-0000-7000-8000-00000000000e', callerIdKey: '+905551234567', direction: 'inbound', reason: 'completed', talkSeconds: 12, endedAt: new Date('2026-01-01T10:00:00Z') });
    enrichment.outcome = { status: 'ok', data: { balance: 3 } };
    const card = await lookup.execute({ organizationId: ORG_A, phone: '905551234567' });
    expect(card).toMatchObject({
      matched: true, phone: '+905551234567', rawPhone: '905551234567', customer: { customerId: a.customerId, notes: 'not' }, openTicketCount: 1,
      openTickets: [{ status: 'open', handset: 'red', updatedAt: '2026-01-01T00:00:00.000Z' }], lastTicketId: '0190c000-0000-7000-8000-00000000000c',
      lastCalls: [{ direction: 'inbound', talkSeconds: 12, endedAt: '2026-01-01T10:00:00.000Z' }], enrichment: { status: 'ok', data: { balance: 3 } },
    });
    enrichment.outcome = { status: 'timeout' };
    await expect(lookup.execute({ organizationId: ORG_A, phone: '0532 000 00 05' })).resolves.toEqual({ matched: false, phone: '+905320000005', rawPhone: '0532 000 00 05', openTicketCount: 0, openTickets: [], lastCalls: [], enrichment: { status: 'timeout' } });
    expect(enrichment.asked).toEqual([{ phone: '+905551234567', customerId: a.customerId }, { phone: '+905320000005', customerId: null }]);
    await expect(lookup.execute({ organizationId: ORG_A, phone: 'anonymous' })).rejects.toMatchObject({ code: 'NOT_A_NUMBER' });
    // A short code still has a key: looked up, no customer, no E.164.
    await expect(lookup.execute({ organizationId: ORG_A, phone: '112' })).resolves.toMatchObject({ matched: false, rawPhone: '112' });
  });

  it('an inbound call pops one card: matched with the customer, or not; a repeat of the call, or a withheld number, publishes nothing', async () => {
    const { create, match, events, commands } = setup();
    const a = await create.execute({ organizationId: ORG_A, name: 'A', notes: 'n'.repeat(3000), phones: ['0555 123 45 67'] });
    const fact = (callId: string, from: string | undefined, rawFrom: string): TelephonyInboundReceivedV1 => ({ organizationId: ORG_A, callId, providerAccountId: ORG_B, provider: 'simulator', providerCallId: callId, ...(from ? { from } : {}), rawFrom, to: '+902125550000' });
    const tx = commands.transactions.tx;
    const at = new Date();
    await expect(match.execute(fact('0190f000-0000-7000-8000-000000000001', '+905551234567', '905551234567'), at, tx)).resolves.toBe(true);
    await expect(match.execute(fact('0190f000-0000-7000-8000-000000000001', '+905551234567', '905551234567'), at, tx)).resolves.toBe(false);
    await expect(match.execute(fact('0190f000-0000-7000-8000-000000000002', undefined, '0532 000 00 05'), at, tx)).resolves.toBe(true);
    await expect(match.execute(fact('0190f000-0000-7000-8000-000000000003', undefined, 'anonymous'), at, tx)).resolves.toBe(false);
    expect(events.events.map((e) => e.event)).toEqual([
      { organizationId: ORG_A, callId: '0190f000-0000-7000-8000-000000000001', phone: '+905551234567', matched: true, operatorUserIds: [], customer: { customerId: a.customerId, name: 'A', phones: ['+905551234567'], openTicketCount: 0, notes: 'n'.repeat(2000) } },
      { organizationId: ORG_A, callId: '0190f000-0000-7000-8000-000000000002', phone: '+905320000005', matched: false, operatorUserIds: [] },
    ]);
    expect(events.events.every((e) => e.tx === tx)).toBe(true);
  });
});

describe('enrichment settings', () => {
  it('makes the signing secret on the first configuration and on rotation only, keeps the rest, refuses a non-http URL, and clears the replica cache', async () => {
    const settings = new InMemoryEnrichmentSettings();
    const client = new FakeEnrichment();
    const configure = new ConfigureEnrichmentUseCase(settings, client, new FakeTransactions(), new FakeClock(), false);
    const first = await configure.execute({ organizationId: ORG_A, url: 'https://crm.example.com/lookup' });
    expect(first).toEqual({ enabled: true, url: 'https://crm.example.com/lookup', timeoutMs: 300, secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/) });
    await expect(configure.execute({ organizationId: ORG_A, timeoutMs: 150 })).resolves.toEqual({ enabled: true, url: 'https://crm.example.com/lookup', timeoutMs: 150 });
    expect(settings.rows.get(ORG_A)!.secret).toBe(first.secret);
    const rotated = await configure.execute({ organizationId: ORG_A, rotateSecret: true });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(first.secret);
    await expect(configure.execute({ organizationId: ORG_A, url: 'ftp://crm.example.com/x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'url' }] } });
    await expect(configure.execute({ organizationId: ORG_A, url: 'not a url' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(configure.execute({ organizationId: ORG_A, url: 'http://169.254.169.254/latest' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'url', message: 'url may not point at this network' }] } });
    await expect(configure.execute({ organizationId: ORG_A, url: null })).resolves.toEqual({ enabled: false, timeoutMs: 150 });
    expect(client.forgotten).toEqual([ORG_A, ORG_A, ORG_A, ORG_A]);
  });
});
