import fc from 'fast-check';
import type { TicketStatus } from '@santral/call-state';
import { asOrgId, type OrgId, type Page, type Tx } from '@santral/persistence';
import { EMPTY_TRACK, type CallFact, type CallTrack } from './call-track';
import { CallSettlement } from './call-settlement';
import { RecordCallFactUseCase } from './record-call-fact.use-case';
import type { Ticket, TicketMessage } from './ticket';
import { TicketBook } from './ticket-book';
import { TicketCustomers } from './ticket-customers.port';
import { CallTracksPort, TicketEventsPort, TicketsPort, type TicketCallLink } from './tickets.port';

// The ticket rules fed each scenario's facts in every order, with duplicates: the final tickets are the same.
const ORG = asOrgId('0190aaaa-0000-7000-8000-000000000001');
const A = '0190aaaa-0000-7000-8000-00000000000a';
const B = '0190aaaa-0000-7000-8000-00000000000b';
const NUMBER = '+905551234567';
const tx = {} as Tx;

class MemoryTickets extends TicketsPort {
  rows = new Map<string, Ticket>();
  links: TicketCallLink[] = [];
  msgs: Array<TicketMessage & { org: string }> = [];
  async insert(t: Ticket) { this.rows.set(t.id, { ...t }); }
  async update(t: Ticket) { this.rows.set(t.id, { ...t }); }
  async findForUpdate(_o: OrgId, id: string) { const t = this.rows.get(id); return t ? { ...t } : null; }
  async find(o: OrgId, id: string) { return this.findForUpdate(o, id); }
  async page(): Promise<Page<Ticket>> { return { items: [...this.rows.values()], nextCursor: null }; }
  async linkCall(_o: OrgId, l: TicketCallLink) {
    if (this.links.some((x) => x.callId === l.callId && x.operatorKey === l.operatorKey)) return false;
    this.links.push(l);
    return true;
  }
  async callIds(_o: OrgId, ticketId: string) { return [...new Set(this.links.filter((l) => l.ticketId === ticketId).map((l) => l.callId))]; }
  async callIdsByTicket(o: OrgId, ids: string[]) { return new Map(await Promise.all(ids.map(async (id) => [id, await this.callIds(o, id)] as [string, string[]]))); }
  async ticketsOfCall(_o: OrgId, callId: string) { return new Map(this.links.filter((l) => l.callId === callId).map((l) => [l.operatorKey, l.ticketId])); }
  async addMessage(o: OrgId, m: TicketMessage) { this.msgs.push({ ...m, org: o }); }
  async messages(_o: OrgId, ticketId: string) { return this.msgs.filter((m) => m.ticketId === ticketId); }
  async attachRecording(_o: OrgId, callId: string, url: string, seconds: number) {
    for (const m of this.msgs) if (m.callId === callId && m.kind === 'call' && !m.recordingUrl) Object.assign(m, { recordingUrl: url, recordingSeconds: seconds });
  }
  async openMissedFor(_o: OrgId, number: string | null) {
    return [...this.rows.values()].filter((t) => t.kind === 'missed_call' && t.status !== 'closed' && number && t.callerNumber === number).reverse();
  }
  async endMissedGrouping(_o: OrgId, number: string | null) {
    for (const t of this.rows.values()) if (t.kind === 'missed_call' && t.callerNumber === number) t.groupsMissed = false;
  }
}

class MemoryTracks extends CallTracksPort {
  rows = new Map<string, CallTrack>();
  async lockOrCreate(_o: OrgId, callId: string) { return this.rows.get(callId) ?? { ...EMPTY_TRACK }; }
  async findForUpdate(_o: OrgId, callId: string) { return this.rows.get(callId) ?? null; }
  async save(_o: OrgId, callId: string, track: CallTrack) { this.rows.set(callId, track); }
}

class CountingEvents extends TicketEventsPort {
  created_ = 0;
  async created() { this.created_ += 1; }
  async updated(_t: Ticket, _c: string[], _ch: string[], _p: TicketStatus | undefined) {}
}

class NoCustomers extends TicketCustomers {
  async customerIdFor() { return null; }
}

function world() {
  const tickets = new MemoryTickets();
  const tracks = new MemoryTracks();
  const events = new CountingEvents();
  const book = new TicketBook(tickets, events, { record: async () => undefined });
  const record = new RecordCallFactUseCase(tracks, new CallSettlement(tickets, book, new NoCustomers(), tracks));
  const feed = async (callId: string, facts: CallFact[]) => { for (const f of facts) await record.execute(ORG, callId, f, tx); };
  /** The tickets without ids and times, comparable across runs. */
  const final = async () => {
    const all = [...tickets.rows.values()].sort((x, y) => (x.subject + x.assigneeUserId < y.subject + y.assigneeUserId ? -1 : 1));
    return Promise.all(all.map(async (t) => ({
      kind: t.kind, status: t.status, handset: t.handset, subject: t.subject, summary: t.summary, assignee: t.assigneeUserId,
      calls: (await tickets.callIds(ORG, t.id)).sort(),
      messages: (await tickets.messages(ORG, t.id)).map((m) => `${m.kind}:${m.callId}:${m.body ?? ''}:${m.recordingUrl ?? ''}`).sort(),
    })));
  };
  return { tickets, tracks, events, feed, final };
}

const t = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s)).toISOString();
const C1 = '0190bbbb-0000-7000-8000-000000000001';
const C2 = '0190bbbb-0000-7000-8000-000000000002';

const SCENARIOS: Record<string, { setup?: Array<[string, CallFact[]]>; callId: string; facts: CallFact[] }> = {
  'answered inbound, no ticket (J3)': {
    callId: C1,
    facts: [
      { type: 'inbound_received', at: t(0), number: NUMBER },
      { type: 'answered', at: t(5), operator: { providerEmployeeId: '4242', userId: A } },
      { type: 'ended', at: t(60), direction: 'inbound', talkSeconds: 55, isLost: false, operator: { providerEmployeeId: '4242', userId: A } },
      { type: 'recording', at: t(70), url: 'https://rec/1.mp3', durationSeconds: 55 },
    ],
  },
  'transfer (J4)': {
    callId: C1,
    facts: [
      { type: 'inbound_received', at: t(0), number: NUMBER },
      { type: 'answered', at: t(5), operator: { providerEmployeeId: '4242', userId: A } },
      { type: 'answered', at: t(30), operator: { providerEmployeeId: '4242', userId: A } },
      { type: 'answered', at: t(35), operator: { providerEmployeeId: '4343', userId: B } },
      { type: 'ended', at: t(90), direction: 'inbound', talkSeconds: 80, isLost: false, operator: { providerEmployeeId: '4343', userId: B } },
      { type: 'recording', at: t(95), url: 'https://rec/2.mp3', durationSeconds: 80 },
    ],
  },
  'missed, last offered to an operator (J7)': {
    callId: C1,
    facts: [
      { type: 'inbound_received', at: t(0), number: NUMBER },
      { type: 'ended', at: t(20), direction: 'inbound', talkSeconds: 0, isLost: true, operator: { providerEmployeeId: '4343', userId: B } },
    ],
  },
  'unmapped operator (G4)': {
    callId: C1,
    facts: [
      { type: 'inbound_received', at: t(0), number: NUMBER },
      { type: 'answered', at: t(5), operator: { providerEmployeeId: '9999', userId: null } },
      { type: 'ended', at: t(60), direction: 'inbound', talkSeconds: 55, isLost: false, operator: { providerEmployeeId: '9999', userId: null } },
    ],
  },
  'softphone outbound (J6)': {
    callId: C1,
    facts: [
      { type: 'outbound_seen', at: t(0), number: NUMBER },
      { type: 'ended', at: t(40), direction: 'outbound', talkSeconds: 30, isLost: false, operator: { providerEmployeeId: '4242', userId: A } },
      { type: 'recording', at: t(45), url: 'https://rec/3.mp3', durationSeconds: 30 },
    ],
  },
  'answered callback from a missed ticket (J9, §18 c)': {
    setup: [[C1, [{ type: 'inbound_received', at: t(0), number: NUMBER }, { type: 'ended', at: t(20), direction: 'inbound', talkSeconds: 0, isLost: true }]]],
    callId: C2,
    facts: [
      { type: 'dialer_click_to_call', at: t(99), number: NUMBER, ticketId: 'MISSED', operatorUserId: A, queued: true },
      { type: 'dialer_click_to_call', at: t(100), number: NUMBER, ticketId: null, operatorUserId: A, queued: false },
      { type: 'answered', at: t(105) },
      { type: 'ended', at: t(160), direction: 'outbound', talkSeconds: 50, isLost: false },
      { type: 'dialer_ended', at: t(161), answered: true },
      { type: 'recording', at: t(170), url: 'https://rec/4.mp3', durationSeconds: 50 },
    ],
  },
  'unanswered callback (J5, §17)': {
    setup: [[C1, [{ type: 'inbound_received', at: t(0), number: NUMBER }, { type: 'ended', at: t(20), direction: 'inbound', talkSeconds: 0, isLost: true }]]],
    callId: C2,
    facts: [
      { type: 'dialer_click_to_call', at: t(99), number: NUMBER, ticketId: 'MISSED', operatorUserId: A, queued: true },
      { type: 'dialer_click_to_call', at: t(100), number: NUMBER, ticketId: null, operatorUserId: A, queued: false },
      { type: 'ended', at: t(130), direction: 'outbound', talkSeconds: 0, isLost: false },
      { type: 'dialer_ended', at: t(131), answered: false },
    ],
  },
  // F3: the dialer's own callback task (its call C2 is not a click-to-call: only its telephony facts reach ticketing).
  "missed call's callback task answered, its end before the missed call's (F3, §13)": {
    setup: [[C2, [
      { type: 'answered', at: t(105), operator: { providerEmployeeId: '4242', userId: A } },
      { type: 'ended', at: t(160), direction: 'outbound', talkSeconds: 50, isLost: false, operator: { providerEmployeeId: '4242', userId: A } },
      { type: 'recording', at: t(170), url: 'https://rec/5.mp3', durationSeconds: 50 },
    ]]],
    callId: C1,
    facts: [
      { type: 'inbound_received', at: t(0), number: NUMBER },
      { type: 'ended', at: t(20), direction: 'inbound', talkSeconds: 0, isLost: true },
      { type: 'callback_finished', at: t(161), result: { taskId: 'T1', outcome: 'succeeded', attempts: 1, lastCallId: C2, reason: 'customer_hung_up' } },
    ],
  },
  "missed call's callback task not answered (F3, §17)": {
    callId: C1,
    facts: [
      { type: 'inbound_received', at: t(0), number: NUMBER },
      { type: 'ended', at: t(20), direction: 'inbound', talkSeconds: 0, isLost: true },
      { type: 'callback_finished', at: t(131), result: { taskId: 'T1', outcome: 'failed', attempts: 1, lastCallId: C2, reason: 'no_answer' } },
    ],
  },
  "missed call's callback task refused at dispatch (F3)": {
    callId: C1,
    facts: [
      { type: 'inbound_received', at: t(0), number: NUMBER },
      { type: 'ended', at: t(20), direction: 'inbound', talkSeconds: 0, isLost: true },
      { type: 'callback_finished', at: t(90), result: { taskId: 'T1', outcome: 'blocked', attempts: 0, lastCallId: null, reason: 'TO_NUMBER_NOT_ALLOWS_CALLOUT' } },
    ],
  },
};

async function run(name: string, order: number[], duplicates: number[]) {
  const s = SCENARIOS[name]!;
  const w = world();
  for (const [callId, facts] of s.setup ?? []) await w.feed(callId, facts);
  const missed = [...w.tickets.rows.values()][0]?.id ?? 'none';
  const facts = s.facts.map((f) => (f.type === 'dialer_click_to_call' && f.ticketId === 'MISSED' ? { ...f, ticketId: missed } : f));
  const sequence = [...order.map((i) => facts[i]!), ...duplicates.map((i) => facts[i % facts.length]!)];
  await w.feed(s.callId, sequence);
  return { tickets: await w.final(), created: w.events.created_ };
}

describe('ticket rules: any order of a scenario\'s facts, with duplicates, gives the same tickets', () => {
  it.each(Object.keys(SCENARIOS))('%s', async (name) => {
    const n = SCENARIOS[name]!.facts.length;
    const inOrder = await run(name, [...Array(n).keys()], []);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), fc.array(fc.nat(n * 3), { maxLength: 4 }), async (order, dups) => {
        expect(await run(name, order, dups)).toEqual(inOrder);
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });

  it('the in-order outcomes are the S4 ones', async () => {
    const outcome = async (name: string) => (await run(name, [...Array(SCENARIOS[name]!.facts.length).keys()], [])).tickets;
    expect(await outcome('answered inbound, no ticket (J3)')).toEqual([
      expect.objectContaining({ kind: 'inbound_call', status: 'open', subject: `Incoming call from ${NUMBER}`, assignee: A, messages: [`call:${C1}::https://rec/1.mp3`] }),
    ]);
    expect((await outcome('transfer (J4)')).map((x) => [x.status, x.assignee])).toEqual([['closed', A], ['open', B]]);
    expect(await outcome('missed, last offered to an operator (J7)')).toEqual([expect.objectContaining({ kind: 'missed_call', status: 'open', handset: 'red', assignee: B })]);
    expect(await outcome('unmapped operator (G4)')).toEqual([]);
    expect(await outcome('softphone outbound (J6)')).toEqual([expect.objectContaining({ kind: 'outbound_call', status: 'closed', assignee: A, subject: `Outgoing call to ${NUMBER}` })]);
    expect(await outcome('answered callback from a missed ticket (J9, §18 c)')).toEqual([
      expect.objectContaining({ kind: 'missed_call', status: 'pending', handset: 'green', calls: [C1, C2].sort(), messages: [`call:${C2}::https://rec/4.mp3`, `missed_call:${C1}::`].sort() }),
    ]);
    expect(await outcome('unanswered callback (J5, §17)')).toEqual([
      expect.objectContaining({ kind: 'missed_call', status: 'open', handset: 'red', messages: [`attempt:${C2}::`, `missed_call:${C1}::`].sort() }),
    ]);
    expect(await outcome("missed call's callback task answered, its end before the missed call's (F3, §13)")).toEqual([
      expect.objectContaining({
        kind: 'missed_call', status: 'pending', handset: 'green', calls: [C1, C2].sort(),
        messages: [`call:${C2}:Callback answered (call ${C2}):https://rec/5.mp3`, `missed_call:${C1}::`].sort(),
      }),
    ]);
    expect(await outcome("missed call's callback task not answered (F3, §17)")).toEqual([
      expect.objectContaining({ kind: 'missed_call', status: 'open', handset: 'red', messages: [`attempt:${C2}:Callback not answered after 1 attempt (no_answer):`, `missed_call:${C1}::`].sort() }),
    ]);
    expect(await outcome("missed call's callback task refused at dispatch (F3)")).toEqual([
      expect.objectContaining({ kind: 'missed_call', status: 'open', handset: 'red', calls: [C1], messages: ['attempt:null:Callback blocked (TO_NUMBER_NOT_ALLOWS_CALLOUT):', `missed_call:${C1}::`].sort() }),
    ]);
  });
});
