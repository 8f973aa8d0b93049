import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { asOrgId, inTransaction, type OrgId } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import { ticketingService } from '../src/app.module';
import { SqlCardReader } from '../src/customers/card.reader';
import type { Customer } from '../src/customers/customer';
import { CustomerCallsRepository } from '../src/customers/customer-calls.repository';
import { CustomerRepository } from '../src/customers/customer.repository';
import type { Ticket } from '../src/tickets/ticket';
import { TicketRepository } from '../src/tickets/ticket.repository';

// The screen-pop card's one statement on the real Postgres: the customer of a caller-ID key, the
// customer's tickets (open ones newest first, their count, the last one) and the number's last calls,
// of this organization only.
const ORG = asOrgId('0190cccc-0000-7000-8000-000000000011');
const OTHER = asOrgId('0190cccc-0000-7000-8000-000000000012');
const KEY = '+905551234567';

describe('SqlCardReader (real Postgres)', () => {
  let db: TestDatabase;
  let cards: SqlCardReader;
  const tickets = () => new TicketRepository(db.dataSource);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'tk_card', entities: serviceEntities(ticketingService), migrations: serviceMigrations(ticketingService) });
    cards = new SqlCardReader(db.dataSource);
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
  const customer = (orgId: string, name: string, keys: string[]): Customer => ({
    id: uuidv7(), organizationId: orgId, name, email: null, company: null, notes: `${name}'s notes`, customFields: {},
    phones: keys.map((k) => ({ e164: k, callerIdKey: k })), createdAt: at(0), updatedAt: at(0),
  });
  const ticket = (orgId: OrgId, customerId: string | null, over: Partial<Ticket>, minute: number): Ticket => ({
    organizationId: orgId, id: uuidv7(), kind: 'inbound_call', status: 'open', handset: 'none', subject: `T${minute}`, summary: null, callerNumber: KEY,
    customerId, assigneeUserId: null, supersededBy: null, reopenCount: 0, groupsMissed: false, createdAt: at(minute), updatedAt: at(minute), closedAt: null, ...over,
  });

  async function store(c: Customer): Promise<void> {
    const repo = new CustomerRepository(db.dataSource);
    await inTransaction(db.dataSource, async (tx) => {
      await repo.insert(c, tx);
      for (const p of c.phones) expect(await repo.addPhone(asOrgId(c.organizationId), c.id, p, c.createdAt, tx)).toBe(true);
    });
  }

  it("reads the customer, the open tickets newest first, their count, the last ticket (closed ones included) and the number's last calls in one statement", async () => {
    const ayse = customer(ORG, 'Ayşe', [KEY, '+902125551212']);
    const sameNumberElsewhere = customer(OTHER, 'Başka', [KEY]);
    await store(ayse);
    await store(sameNumberElsewhere);
    const open1 = ticket(ORG, ayse.id, { kind: 'missed_call', handset: 'red' }, 1);
    const pending = ticket(ORG, ayse.id, { status: 'pending' }, 2);
    const closed = ticket(ORG, ayse.id, { status: 'closed', closedAt: at(3) }, 3);
    const elsewhere = ticket(OTHER, sameNumberElsewhere.id, {}, 4);
    const noCustomer = ticket(ORG, null, {}, 5);
    const calls = new CustomerCallsRepository();
    await inTransaction(db.dataSource, async (tx) => {
      for (const t of [open1, pending, closed, elsewhere, noCustomer]) await tickets().insert(t, tx);
      for (let m = 0; m < 7; m++) await calls.record(ORG, { callId: uuidv7(), callerIdKey: KEY, direction: m % 2 ? 'inbound' : 'outbound', reason: 'completed', talkSeconds: 10 * m, endedAt: at(10 + m) }, tx);
      await calls.record(OTHER, { callId: uuidv7(), callerIdKey: KEY, direction: 'inbound', reason: 'completed', talkSeconds: 99, endedAt: at(30) }, tx);
    });

    const card = await cards.read(ORG, KEY, 5);
    expect(card.customer).toMatchObject({ id: ayse.id, name: 'Ayşe', notes: "Ayşe's notes", phones: [{ e164: KEY, callerIdKey: KEY }, { e164: '+902125551212', callerIdKey: '+902125551212' }] });
    expect(card.tickets).toEqual({
      openTicketCount: 2,
      openTickets: [
        { ticketId: pending.id, subject: 'T2', status: 'pending', handset: 'none', updatedAt: pending.updatedAt },
        { ticketId: open1.id, subject: 'T1', status: 'open', handset: 'red', updatedAt: open1.updatedAt },
      ],
      lastTicketId: closed.id,
    });
    expect(card.lastCalls.map((c) => c.talkSeconds)).toEqual([60, 50, 40, 30, 20]);
    expect(card.lastCalls[0]).toEqual({ callId: expect.any(String), callerIdKey: KEY, direction: 'outbound', reason: 'completed', talkSeconds: 60, endedAt: at(16) });

    // The other number of the same customer: the same customer and tickets, none of the first number's calls.
    await expect(cards.read(ORG, '+902125551212', 5)).resolves.toMatchObject({ customer: { id: ayse.id }, tickets: { openTicketCount: 2, lastTicketId: closed.id }, lastCalls: [] });
    // The same number in another organization: that organization's customer, tickets and calls only.
    await expect(cards.read(OTHER, KEY, 5)).resolves.toEqual({
      customer: expect.objectContaining({ id: sameNumberElsewhere.id }),
      tickets: { openTicketCount: 1, openTickets: [expect.objectContaining({ ticketId: elsewhere.id })], lastTicketId: elsewhere.id },
      lastCalls: [expect.objectContaining({ talkSeconds: 99 })],
    });
    // Inside the caller's transaction too (the inbound match reads it there), with no calls asked for.
    await inTransaction(db.dataSource, async (tx) => expect(cards.read(ORG, KEY, 0, tx)).resolves.toMatchObject({ tickets: { openTicketCount: 2 }, lastCalls: [] }));
  });

  it('an unknown number: no customer and no tickets, even when tickets without a customer carry that number; its calls still show', async () => {
    const unknown = '+905559990000';
    await inTransaction(db.dataSource, async (tx) => {
      await tickets().insert({ ...ticket(ORG, null, {}, 40), callerNumber: unknown }, tx);
      await new CustomerCallsRepository().record(ORG, { callId: uuidv7(), callerIdKey: unknown, direction: 'inbound', reason: 'missed', talkSeconds: 0, endedAt: at(41) }, tx);
    });
    await expect(cards.read(ORG, unknown, 5)).resolves.toEqual({
      customer: null,
      tickets: { openTicketCount: 0, openTickets: [] },
      lastCalls: [expect.objectContaining({ reason: 'missed' })],
    });
  });

  it('caps the open tickets at CUSTOMER_LIMITS.openTickets while counting them all', async () => {
    const busy = customer(ORG, 'Çok', ['+905550000001']);
    await store(busy);
    await inTransaction(db.dataSource, async (tx) => {
      for (let m = 0; m < 23; m++) await tickets().insert(ticket(ORG, busy.id, {}, m), tx);
    });
    const card = await cards.read(ORG, '+905550000001', 5);
    expect(card.tickets.openTicketCount).toBe(23);
    expect(card.tickets.openTickets).toHaveLength(20);
    expect(card.tickets.openTickets[0]!.subject).toBe('T22');
  });
});
