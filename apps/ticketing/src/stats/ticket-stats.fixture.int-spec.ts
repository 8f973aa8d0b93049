import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { asOrgId, inTransaction } from '@santral/persistence';
import type { TicketStatsGroupBy, TicketStatsGroupReply } from '@santral/contracts';
import { v7 as uuidv7 } from 'uuid';
import { ticketingService } from '../app.module';
import { TicketBook } from '../tickets/ticket-book';
import { TicketHistoryRepository } from '../tickets/ticket-history.repository';
import { TicketRepository } from '../tickets/ticket.repository';
import { GetTicketStatsUseCase } from './get-ticket-stats.use-case';
import { TicketStatsRepository } from './ticket-stats.repository';

// The figures of S4 §19–24 on the real Postgres against a fixture whose every figure is worked out by hand below.
const ORG = '0190dddd-0000-7000-8000-000000000001';
const OTHER = '0190dddd-0000-7000-8000-000000000002';
const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';
const D = Date.UTC(2026, 2, 10); // the period is [D, D + 24 h)
const h = (n: number) => new Date(D + n * 3_600_000);
const PERIOD = { from: h(0).toISOString(), to: h(24).toISOString() };

type Kind = 'inbound_call' | 'missed_call' | 'outbound_call' | 'manual';
type Status = 'new' | 'open' | 'pending' | 'closed';
interface Fixture {
  org?: string;
  kind: Kind;
  assignee: string | null;
  created: number;
  /** [hour, from, to]; the creation row (from null) is added from `created` and `first`. */
  first: Status;
  moves?: Array<[number, Status, Status]>;
  /** [hour, kind, author] */
  messages?: Array<[number, 'call' | 'attempt' | 'missed_call', string | null]>;
}

/*
 * T1  inbound U1, made h1 with its conversation, pending h2, closed h5        → new, fromCustomer, inProgress, reply, closed (1 reply, 4 h)
 * T2  missed, nobody, h3, open                                               → new, fromCustomer
 * T3  outbound U1, made closed h4 with its conversation (J6)                 → new, reply, closed (1 reply); no close time (same timestamps)
 * T4  inbound U2, made h-72 (talk), closed h-70; reopened h6, talk h7, closed h20 → reopened, inProgress, reply, closed (2 replies, 92 h, breach)
 * T5  inbound U2, made h-30 (talk); closed h2, reopened h8, closed h10       → reopened, inProgress, closed (1 reply, 40 h: the last close, breach)
 * T6  manual U1, h2 open, an operator's attempt h2.5                         → new, inProgress, first response 1800 s
 * T7  inbound U1, h10 (talk), pending h11, closed h23                        → new, fromCustomer, inProgress, reply, closed (1 reply, 13 h)
 * T8  missed, nobody, made h-5, closed h9 (no conversation)                  → inProgress; close time 14 h but not "closed" (no conversation)
 * T9  inbound U1 at h25, T10 closed before the period, T11 outbound U2 at h0 (talk h0, talk h24) → only T11: new, reply (the h24 talk is outside)
 * X   another organization's ticket in the period                           → nowhere
 */
const FIXTURE: Fixture[] = [
  { kind: 'inbound_call', assignee: U1, created: 1, first: 'new', moves: [[2, 'new', 'pending'], [5, 'pending', 'closed']], messages: [[1, 'call', U1]] },
  { kind: 'missed_call', assignee: null, created: 3, first: 'open', messages: [[3, 'missed_call', null]] },
  { kind: 'outbound_call', assignee: U1, created: 4, first: 'closed', messages: [[4, 'call', U1]] },
  {
    kind: 'inbound_call', assignee: U2, created: -72, first: 'new',
    moves: [[-71, 'new', 'pending'], [-70, 'pending', 'closed'], [6, 'closed', 'open'], [7, 'open', 'pending'], [20, 'pending', 'closed']],
    messages: [[-72, 'call', U2], [7, 'call', U2]],
  },
  {
    kind: 'inbound_call', assignee: U2, created: -30, first: 'new',
    moves: [[-29, 'new', 'pending'], [2, 'pending', 'closed'], [8, 'closed', 'open'], [10, 'open', 'closed']], messages: [[-30, 'call', U2]],
  },
  { kind: 'manual', assignee: U1, created: 2, first: 'open', messages: [[2.5, 'attempt', U1]] },
  { kind: 'inbound_call', assignee: U1, created: 10, first: 'new', moves: [[11, 'new', 'pending'], [23, 'pending', 'closed']], messages: [[10, 'call', U1]] },
  { kind: 'missed_call', assignee: null, created: -5, first: 'open', moves: [[9, 'open', 'closed']], messages: [[-5, 'missed_call', null]] },
  { kind: 'inbound_call', assignee: U1, created: 25, first: 'new', messages: [[25, 'call', U1]] },
  { kind: 'inbound_call', assignee: U1, created: -100, first: 'new', moves: [[-99, 'new', 'closed']], messages: [[-100, 'call', U1]] },
  { kind: 'outbound_call', assignee: U2, created: 0, first: 'new', messages: [[0, 'call', U2], [24, 'call', U2]] },
  { org: OTHER, kind: 'inbound_call', assignee: U1, created: 1, first: 'new', moves: [[2, 'new', 'closed'], [3, 'closed', 'open']], messages: [[1, 'call', U1], [2, 'attempt', U1]] },
];

const zero: TicketStatsGroupReply = {
  new: 0, newFromCustomer: 0, reopened: 0, newOrReopened: 0, inProgress: 0, withReply: 0, replies: 0, closed: 0, closeSlaBreaches: 0,
};
const g = (over: Partial<TicketStatsGroupReply>): TicketStatsGroupReply => ({ ...zero, ...over, newOrReopened: (over.new ?? 0) + (over.reopened ?? 0) });

describe('ticket statistics (S4 §19–24) on a hand-computed fixture (real Postgres)', () => {
  let db: TestDatabase;
  let stats: GetTicketStatsUseCase;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'tk_stats', entities: serviceEntities(ticketingService), migrations: serviceMigrations(ticketingService) });
    stats = new GetTicketStatsUseCase(new TicketStatsRepository(db.dataSource));
    for (const f of FIXTURE) await insert(f);
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  async function insert(f: Fixture): Promise<void> {
    const org = f.org ?? ORG;
    const id = uuidv7();
    const moves = f.moves ?? [];
    const last = moves.length ? moves[moves.length - 1]![2] : f.first;
    const closedAt = last === 'closed' ? h(moves.length ? moves[moves.length - 1]![0] : f.created) : null;
    await db.dataSource.query(
      `INSERT INTO tickets (organization_id, id, kind, status, handset, subject, assignee_user_id, created_at, updated_at, closed_at)
       VALUES ($1, $2, $3, $4, 'none', 'fixture', $5, $6, $6, $7)`,
      [org, id, f.kind, last, f.assignee, h(f.created), closedAt],
    );
    const changes: Array<[number, Status | null, Status, string[]]> = [[f.created, null, f.first, []], ...moves.map(([at, a, b]) => [at, a, b, ['status']] as [number, Status, Status, string[]])];
    for (const [at, from, to, changed] of changes) {
      await db.dataSource.query(`INSERT INTO ticket_changes (organization_id, id, ticket_id, at, from_status, to_status, changed) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        org, uuidv7(), id, h(at), from, to, changed,
      ]);
    }
    for (const [at, kind, author] of f.messages ?? []) {
      await db.dataSource.query(`INSERT INTO ticket_messages (organization_id, id, ticket_id, kind, author_user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        org, uuidv7(), id, kind, author, h(at),
      ]);
    }
  }

  const TABLE: Array<[string, TicketStatsGroupBy, number | undefined, TicketStatsGroupReply[]]> = [
    [
      'one group: every figure over the whole organization', 'none', undefined,
      [g({ new: 6, newFromCustomer: 3, reopened: 2, inProgress: 6, withReply: 5, replies: 5, closed: 5, averageRepliesToClose: 1.2,
        // (4 + 92 + 40 + 13 + 14) h / 5 — T3 (created closed) left out, T8 counted (closed in the period, no conversation needed here)
        averageCloseSeconds: 117_360, closeSlaBreaches: 2, averageFirstResponseSeconds: 1800 })],
    ],
    [
      'a 12 h close target: T7 (13 h) and T8 (14 h) breach too', 'none', 12,
      [g({ new: 6, newFromCustomer: 3, reopened: 2, inProgress: 6, withReply: 5, replies: 5, closed: 5, averageRepliesToClose: 1.2, averageCloseSeconds: 117_360, closeSlaBreaches: 4, averageFirstResponseSeconds: 1800 })],
    ],
    [
      'per assignee (S4 §24): unassigned first, then by user id', 'assignee', undefined,
      [
        g({ new: 1, newFromCustomer: 1, inProgress: 1, averageCloseSeconds: 50_400 }),
        g({ key: U1, new: 4, newFromCustomer: 2, inProgress: 3, withReply: 3, replies: 3, closed: 3, averageRepliesToClose: 1, averageCloseSeconds: 30_600, averageFirstResponseSeconds: 1800 }),
        g({ key: U2, new: 1, reopened: 2, inProgress: 2, withReply: 2, replies: 2, closed: 2, averageRepliesToClose: 1.5, averageCloseSeconds: 237_600, closeSlaBreaches: 2 }),
      ],
    ],
    [
      'per kind (S4 §21 channels)', 'kind', undefined,
      [
        g({ key: 'inbound_call', new: 2, newFromCustomer: 2, reopened: 2, inProgress: 4, withReply: 3, replies: 3, closed: 4, averageRepliesToClose: 1.25, averageCloseSeconds: 134_100, closeSlaBreaches: 2 }),
        g({ key: 'manual', new: 1, inProgress: 1, averageFirstResponseSeconds: 1800 }),
        g({ key: 'missed_call', new: 1, newFromCustomer: 1, inProgress: 1, averageCloseSeconds: 50_400 }),
        g({ key: 'outbound_call', new: 2, withReply: 2, replies: 2, closed: 1, averageRepliesToClose: 1 }),
      ],
    ],
  ];

  it.each(TABLE)('%s', async (_name, groupBy, closeTargetHours, groups) => {
    const reply = await stats.execute({ organizationId: ORG, ...PERIOD, groupBy, ...(closeTargetHours ? { closeTargetHours } : {}) });
    expect(reply).toEqual({ ...PERIOD, groupBy, closeTargetHours: closeTargetHours ?? 24, groups });
  });

  it("another organization's figures hold only its own ticket; an empty period is one group of zeros", async () => {
    await expect(stats.execute({ organizationId: OTHER, ...PERIOD })).resolves.toMatchObject({
      groups: [g({ new: 1, newFromCustomer: 1, reopened: 1, inProgress: 1, withReply: 1, replies: 1, closed: 1, averageRepliesToClose: 1, averageCloseSeconds: 3600 })],
    });
    await expect(stats.execute({ organizationId: ORG, from: h(-200).toISOString(), to: h(-150).toISOString() })).resolves.toMatchObject({ groups: [zero] });
    await expect(stats.execute({ organizationId: ORG, from: h(-200).toISOString(), to: h(-150).toISOString(), groupBy: 'kind' })).resolves.toMatchObject({ groups: [] });
  });

  it('from after to is TICKET_STATS_PERIOD_INVERTED', async () => {
    await expect(stats.execute({ organizationId: ORG, from: PERIOD.to, to: PERIOD.from })).rejects.toMatchObject({ code: 'TICKET_STATS_PERIOD_INVERTED' });
  });

  it('TicketBook writes the history the figures read: creation, close and reopen', async () => {
    const org = asOrgId('0190dddd-0000-7000-8000-000000000003');
    const tickets = new TicketRepository(db.dataSource);
    const book = new TicketBook(tickets, { created: async () => undefined, updated: async () => undefined }, new TicketHistoryRepository());
    await inTransaction(db.dataSource, async (tx) => {
      const t = await book.open({ organizationId: org, kind: 'missed_call', callerNumber: '+905551234567', customerId: null }, { type: 'missed_call', callId: uuidv7(), number: '+905551234567', assigneeId: null }, undefined, h(1), tx);
      const closed = await book.apply(t, { type: 'close' }, undefined, h(2), tx);
      await book.apply(closed!, { type: 'reopen' }, undefined, h(3), tx);
    });
    const rows = await db.dataSource.query(`SELECT from_status, to_status FROM ticket_changes WHERE organization_id = $1 ORDER BY at`, [org]);
    expect(rows).toEqual([{ from_status: null, to_status: 'open' }, { from_status: 'open', to_status: 'closed' }, { from_status: 'closed', to_status: 'open' }]);
    await expect(stats.execute({ organizationId: org, ...PERIOD })).resolves.toMatchObject({ groups: [g({ new: 1, newFromCustomer: 1, reopened: 1, inProgress: 1, averageCloseSeconds: 3600 })] });
  });
});
