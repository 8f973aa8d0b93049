import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { asOrgId, inTransaction } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import { ticketingService } from '../src/app.module';
import type { Ticket } from '../src/tickets/ticket';
import { TicketRepository } from '../src/tickets/ticket.repository';

// The repository on the real Postgres: tickets of a call, and tenancy (the card's ticket part: card-reader.int-spec.ts).
const ORG = asOrgId('0190cccc-0000-7000-8000-000000000001');
const OTHER = asOrgId('0190cccc-0000-7000-8000-000000000002');
const CUSTOMER = '0190cccc-0000-7000-8000-0000000000c1';

describe('TicketRepository (real Postgres)', () => {
  let db: TestDatabase;
  let repo: TicketRepository;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'tk_repo', entities: serviceEntities(ticketingService), migrations: serviceMigrations(ticketingService) });
    repo = new TicketRepository(db.dataSource);
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  const ticket = (over: Partial<Ticket>, minute: number): Ticket => {
    const at = new Date(Date.UTC(2026, 11, 1, 9, minute));
    return {
      organizationId: ORG, id: uuidv7(), kind: 'inbound_call', status: 'open', handset: 'none', subject: `T${minute}`, summary: null, callerNumber: '+905551234567',
      customerId: CUSTOMER, assigneeUserId: null, supersededBy: null, reopenCount: 0, groupsMissed: false, createdAt: at, updatedAt: at, closedAt: null, ...over,
    };
  };

  it('one conversation never gets two tickets: a second link of the same call and operator is refused', async () => {
    const t = ticket({}, 10);
    const callId = uuidv7();
    await inTransaction(db.dataSource, async (tx) => {
      await repo.insert(t, tx);
      await expect(repo.linkCall(ORG, { callId, operatorKey: 'u1', ticketId: t.id, role: 'conversation', at: t.createdAt }, tx)).resolves.toBe(true);
      await expect(repo.linkCall(ORG, { callId, operatorKey: 'u1', ticketId: t.id, role: 'conversation', at: t.createdAt }, tx)).resolves.toBe(false);
      await expect(repo.linkCall(ORG, { callId, operatorKey: 'u2', ticketId: t.id, role: 'conversation', at: t.createdAt }, tx)).resolves.toBe(true);
      await expect(repo.callIds(ORG, t.id, tx)).resolves.toEqual([callId]);
      await expect(repo.ticketsOfCall(OTHER, callId, tx)).resolves.toEqual(new Map());
    });
  });
});
