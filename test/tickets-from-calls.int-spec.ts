import { sealForTests, waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { CreateProviderAccountUseCase } from '../apps/telephony-gateway/src/provider-accounts/create-provider-account.use-case';
import { SetOperatorMapUseCase } from '../apps/telephony-gateway/src/provider-accounts/set-operator-map.use-case';
import { derivedCallId } from '../apps/telephony-gateway/src/webhooks/webhook-batch.writer';
import { callGearBody, type CallGearSample } from '../apps/telephony-gateway/test/support/callgear-bodies';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';
import { startTicketingBeside, type TicketingBeside } from './support/ticketing-beside';

// S4 scenario by scenario: CallGear notifications posted to the REAL telephony-gateway, its facts over
// real NATS to the REAL ticketing service, tickets read through the REAL api-gateway.
const A = '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11'; // CallGear employee 4242
const B = '1c8f4d9f-6b80-4a8f-8e63-2a2d5bac3b22'; // CallGear employee 4343
const UNMAPPED = 9999;

interface Ticket {
  ticketId: string;
  kind: string;
  status: string;
  handset: string;
  subject: string;
  summary?: string;
  callerNumber?: string;
  assigneeUserId?: string;
  supersededBy?: string;
  callIds: string[];
}
interface Detail extends Ticket {
  messages: Array<{ kind: string; body?: string; recordingUrl?: string; callId?: string }>;
}

describe('tickets from calls (S4 §1–18 through CallGear notifications)', () => {
  let gw: Gateway;
  let tel: TelephonyBeside;
  let tk: TicketingBeside;
  let org: { id: string; key: string; supervisor: string; operator: string };
  let webhookUrl: string;
  let accountId: string;
  let session = 3000;
  let line = 0;

  beforeAll(async () => {
    gw = await startGateway('gw_tickets', { RPC_TIMEOUT_MS: '5000' });
    tel = await startTelephonyBeside(gw, 'tg_tickets', { listen: true });
    tk = await startTicketingBeside(gw, 'tk_tickets');
    const o = await gw.createOrg();
    org = { id: o.id, key: o.key, ...(await gw.roleKeys(o.key)) };
    const account = await tel.app.get(CreateProviderAccountUseCase).execute({
      organizationId: org.id, type: 'callgear', name: 'CallGear TR', settings: { defaultCountry: 'TR' }, sealedSecrets: sealForTests(org.id, { apiKey: 'cg-api-key' }),
    });
    accountId = account.id;
    webhookUrl = account.webhookUrl;
    await tel.app.get(SetOperatorMapUseCase).execute({ organizationId: org.id, id: accountId, operators: [{ providerEmployeeId: '4242', userId: A }, { providerEmployeeId: '4343', userId: B }] });
  });

  afterAll(async () => {
    await tk?.close();
    await tel?.close();
    await gw?.close();
  });

  /** A fresh caller (its own number) and call sessions for one scenario. */
  function caller() {
    line += 1;
    const contact = `90555123${String(line).padStart(4, '0')}`;
    return { contact, e164: `+${contact}` };
  }
  const newSession = () => (session += 1);
  const callIdOf = (s: number) => derivedCallId(accountId, String(s));
  async function notify(event: string, s: CallGearSample): Promise<void> {
    const res = await fetch(`${webhookUrl}/${event}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(callGearBody(event, s)) });
    expect(res.status).toBe(200);
  }
  const tickets = async (e164: string): Promise<Ticket[]> =>
    (await gw.request({ method: 'GET', url: `/v1/tickets?callerNumber=${encodeURIComponent(e164)}`, key: org.key })).json<{ items: Ticket[] }>().items;
  const detail = async (id: string): Promise<Detail> => (await gw.request({ method: 'GET', url: `/v1/tickets/${id}`, key: org.operator })).json<Detail>();
  /** Waits until the number's tickets (oldest first) match `expected`, then returns them. */
  async function settle(e164: string, expected: Array<Partial<Ticket>>): Promise<Ticket[]> {
    let last: Ticket[] = [];
    try {
      return await waitFor(async () => {
        last = (await tickets(e164)).reverse();
        return last.length === expected.length && last.every((t, i) => Object.entries(expected[i]!).every(([k, v]) => JSON.stringify((t as unknown as Record<string, unknown>)[k]) === JSON.stringify(v))) && last;
      }, 20_000, `tickets of ${e164}`);
    } catch (e) {
      expect(last).toEqual(expected.map((x) => expect.objectContaining(x)));
      throw e;
    }
  }
  /** Waits until ticketing has the call's facts (the operator acts only on a call it knows). */
  const known = (s: number, what: 'answers' | 'ended') =>
    waitFor(async () => {
      const rows: Array<{ track: Record<string, unknown> }> = await tk.db.dataSource.query('SELECT track FROM ticket_call_tracks WHERE call_id = $1', [callIdOf(s)]);
      const t = rows[0]?.track;
      return !!t && t.seen === true && (what === 'answers' ? (t.answers as unknown[]).length > 0 : !!t.ended);
    }, 20_000, `ticketing knows call ${s}`);
  const inbound = (s: number, contact: string, extra: Partial<CallGearSample> = {}): CallGearSample => ({ session: s, direction: 'in', contact, ...extra });

  it('§1–2 a (J1): the operator makes a ticket during the call → new, then pending at the end, with the summary and the recording', async () => {
    const c = caller();
    const s = newSession();
    await notify('handset', inbound(s, c.contact, { employeeId: 4242, legId: 1 }));
    await known(s, 'answers');
    const made = await gw.request({ method: 'POST', url: '/v1/tickets', key: org.operator, body: { callId: callIdOf(s), operatorUserId: A, subject: 'Teslimat günü', summary: 'Salı teslim edilecek' } });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ status: 'new', handset: 'none', kind: 'inbound_call', subject: 'Teslimat günü', callerNumber: c.e164, assigneeUserId: A, callIds: [callIdOf(s)] });
    await notify('end', inbound(s, c.contact, { employeeId: 4242, talk: 95, total: 107, wait: 12 }));
    await notify('recording', inbound(s, c.contact, { employeeId: 4242, talk: 95, fileLink: `https://app.callgear.com/media/${s}.mp3` }));
    const [t] = await settle(c.e164, [{ status: 'pending', subject: 'Teslimat günü' }]);
    await waitFor(async () => (await detail(t!.ticketId)).messages[0]?.recordingUrl !== undefined, 20_000, 'recording on the message');
    expect((await detail(t!.ticketId)).messages).toEqual([
      expect.objectContaining({ kind: 'call', body: 'Salı teslim edilecek', callId: callIdOf(s), recordingUrl: `https://app.callgear.com/media/${s}.mp3` }),
    ]);
  });

  it('§2 "Important" (J3): the operator did nothing → an open "Incoming call from [number]" ticket with the recording', async () => {
    const c = caller();
    const s = newSession();
    await notify('handset', inbound(s, c.contact, { employeeId: 4242 }));
    await notify('end', inbound(s, c.contact, { employeeId: 4242, talk: 40 }));
    await notify('recording', inbound(s, c.contact, { employeeId: 4242, talk: 40, fileLink: `https://app.callgear.com/media/${s}.mp3` }));
    const [t] = await settle(c.e164, [{ status: 'open', handset: 'none', subject: `Incoming call from ${c.e164}`, assigneeUserId: A }]);
    await waitFor(async () => (await detail(t!.ticketId)).messages[0]?.recordingUrl === `https://app.callgear.com/media/${s}.mp3`, 20_000, 'recording');
  });

  it('§4 b (J3): the call ends with no ticket but a draft → the ticket carries the subject and summary the operator typed', async () => {
    const c = caller();
    const s = newSession();
    await notify('handset', inbound(s, c.contact, { employeeId: 4343 }));
    await known(s, 'answers');
    const draft = await gw.request({ method: 'PUT', url: `/v1/calls/${callIdOf(s)}/ticket-draft`, key: org.operator, body: { operatorUserId: B, subject: 'Fatura itirazı', summary: 'Kasım faturası yüksek' } });
    expect(draft.statusCode).toBe(200);
    await notify('end', inbound(s, c.contact, { employeeId: 4343, talk: 30 }));
    const [t] = await settle(c.e164, [{ status: 'open', subject: 'Fatura itirazı', summary: 'Kasım faturası yüksek', assigneeUserId: B }]);
    expect((await detail(t!.ticketId)).messages).toEqual([expect.objectContaining({ kind: 'call', body: 'Kasım faturası yüksek' })]);
    // The draft is spent: the conversation has its ticket now.
    expectProblem(await gw.request({ method: 'PUT', url: `/v1/calls/${callIdOf(s)}/ticket-draft`, key: org.operator, body: { operatorUserId: B, subject: 'x' } }), 409, 'TICKET_CALL_ALREADY_TICKETED');
  });

  it('§2 b (J1): the customer calls again and the operator attaches the call to the earlier ticket → one ticket, pending, two calls', async () => {
    const c = caller();
    const first = newSession();
    await notify('handset', inbound(first, c.contact, { employeeId: 4242 }));
    await notify('end', inbound(first, c.contact, { employeeId: 4242, talk: 20 }));
    const [t] = await settle(c.e164, [{ status: 'open' }]);
    const second = newSession();
    await notify('handset', inbound(second, c.contact, { employeeId: 4242 }));
    await known(second, 'answers');
    const attached = await gw.request({ method: 'POST', url: `/v1/tickets/${t!.ticketId}/calls`, key: org.operator, body: { callId: callIdOf(second), operatorUserId: A, summary: 'Aynı soru' } });
    expect(attached.statusCode).toBe(201);
    expect(attached.json()).toMatchObject({ status: 'pending', callIds: [callIdOf(first), callIdOf(second)] });
    await notify('end', inbound(second, c.contact, { employeeId: 4242, talk: 50 }));
    await known(second, 'ended');
    await settle(c.e164, [{ ticketId: t!.ticketId, status: 'pending', callIds: [callIdOf(first), callIdOf(second)] }]);
  });

  it('§5 (J4): a transfer is two calls, two tickets; the first operator did nothing → closed "Incoming call from [number]"', async () => {
    const c = caller();
    const s = newSession();
    await notify('handset', inbound(s, c.contact, { employeeId: 4242, legId: 11, time: '2024-04-06 12:30:00' }));
    await notify('endleg', inbound(s, c.contact, { employeeId: 4242, legId: 11, talk: 25, time: '2024-04-06 12:30:30' }));
    await notify('handset', inbound(s, c.contact, { employeeId: 4343, legId: 12, time: '2024-04-06 12:30:35' }));
    await notify('end', inbound(s, c.contact, { employeeId: 4343, talk: 85, time: '2024-04-06 12:32:00' }));
    const both = await settle(c.e164, [
      { status: 'closed', subject: `Incoming call from ${c.e164}`, assigneeUserId: A },
      { status: 'open', subject: `Incoming call from ${c.e164}`, assigneeUserId: B },
    ]);
    expect(both.map((t) => t.callIds)).toEqual([[callIdOf(s)], [callIdOf(s)]]);
  });

  it('§10 (J6): an outbound softphone call with no ticket → a closed ticket assigned to the operator', async () => {
    const c = caller();
    const s = newSession();
    const out = { session: s, direction: 'out' as const, contact: c.contact, employeeId: 4242 };
    await notify('callout', out);
    await notify('legout', out);
    await notify('end', { ...out, talk: 30, total: 38 });
    await settle(c.e164, [{ kind: 'outbound_call', status: 'closed', subject: `Outgoing call to ${c.e164}`, assigneeUserId: A }]);
  });

  it('§11 (J7): a missed call → open, red handset, "Missed incoming call from [number]", assigned to the operator it last reached; none when it ended in the IVR', async () => {
    const c = caller();
    const s = newSession();
    await notify('end', inbound(s, c.contact, { employeeId: 4343, isLost: true, wait: 20, total: 20 }));
    await settle(c.e164, [{ kind: 'missed_call', status: 'open', handset: 'red', subject: `Missed incoming call from ${c.e164}`, assigneeUserId: B }]);
    const ivr = caller();
    await notify('end', inbound(newSession(), ivr.contact, { isLost: true, wait: 5, total: 5 }));
    const [t] = await settle(ivr.e164, [{ kind: 'missed_call', status: 'open', handset: 'red' }]);
    expect(t!.assigneeUserId).toBeUndefined();
  });

  it('§12 (J8): repeated missed calls group into one ticket until a conversation happens; the next missed call gets a new one', async () => {
    const c = caller();
    const [m1, m2] = [newSession(), newSession()];
    await notify('end', inbound(m1, c.contact, { isLost: true, time: '2024-04-06 10:00:00' }));
    await settle(c.e164, [{ kind: 'missed_call', callIds: [callIdOf(m1)] }]);
    await notify('end', inbound(m2, c.contact, { isLost: true, time: '2024-04-06 10:05:00' }));
    const [missed] = await settle(c.e164, [{ kind: 'missed_call', status: 'open', callIds: [callIdOf(m1), callIdOf(m2)] }]);
    const talk = newSession();
    await notify('handset', inbound(talk, c.contact, { employeeId: 4242, time: '2024-04-06 10:10:00' }));
    await notify('end', inbound(talk, c.contact, { employeeId: 4242, talk: 60, time: '2024-04-06 10:11:00' }));
    await settle(c.e164, [{ ticketId: missed!.ticketId }, { kind: 'inbound_call', status: 'open' }]);
    const m3 = newSession();
    await notify('end', inbound(m3, c.contact, { isLost: true, time: '2024-04-06 10:20:00' }));
    await settle(c.e164, [{ ticketId: missed!.ticketId, callIds: [callIdOf(m1), callIdOf(m2)] }, { kind: 'inbound_call' }, { kind: 'missed_call', status: 'open', handset: 'red', callIds: [callIdOf(m3)] }]);
  });

  it('§18 a (J10): the customer calls back and the operator makes a new ticket → the missed-call ticket closes, superseded by it', async () => {
    const c = caller();
    await notify('end', inbound(newSession(), c.contact, { isLost: true }));
    const [missed] = await settle(c.e164, [{ kind: 'missed_call', status: 'open' }]);
    const back = newSession();
    await notify('handset', inbound(back, c.contact, { employeeId: 4242 }));
    await known(back, 'answers');
    const made = (await gw.request({ method: 'POST', url: '/v1/tickets', key: org.operator, body: { callId: callIdOf(back), operatorUserId: A, subject: 'Geri arama' } })).json<Ticket>();
    await notify('end', inbound(back, c.contact, { employeeId: 4242, talk: 45 }));
    await settle(c.e164, [{ ticketId: missed!.ticketId, status: 'closed', handset: 'red', supersededBy: made.ticketId }, { ticketId: made.ticketId, status: 'pending' }]);
  });

  it('§18 b (J10): the customer calls back and the operator attaches the call to the missed-call ticket → pending', async () => {
    const c = caller();
    await notify('end', inbound(newSession(), c.contact, { isLost: true }));
    const [missed] = await settle(c.e164, [{ kind: 'missed_call', status: 'open' }]);
    const back = newSession();
    await notify('handset', inbound(back, c.contact, { employeeId: 4343 }));
    await known(back, 'answers');
    expect((await gw.request({ method: 'POST', url: `/v1/tickets/${missed!.ticketId}/calls`, key: org.operator, body: { callId: callIdOf(back), operatorUserId: B } })).statusCode).toBe(201);
    await notify('end', inbound(back, c.contact, { employeeId: 4343, talk: 45 }));
    await known(back, 'ended');
    await settle(c.e164, [{ ticketId: missed!.ticketId, status: 'pending', handset: 'red' }]);
  });

  it('§18 d and e (J10): an answered softphone call with a new ticket closes the missed-call ticket; attached to it, it goes pending', async () => {
    const d = caller();
    await notify('end', inbound(newSession(), d.contact, { isLost: true }));
    const [missedD] = await settle(d.e164, [{ kind: 'missed_call', status: 'open' }]);
    const outD = { session: newSession(), direction: 'out' as const, contact: d.contact, employeeId: 4242 };
    await notify('callout', outD);
    await notify('handset', outD);
    await known(outD.session, 'answers');
    const made = (await gw.request({ method: 'POST', url: '/v1/tickets', key: org.operator, body: { callId: callIdOf(outD.session), operatorUserId: A, subject: 'Aradım' } })).json<Ticket>();
    expect(made).toMatchObject({ kind: 'outbound_call', status: 'new' });
    await notify('end', { ...outD, talk: 20 });
    await settle(d.e164, [{ ticketId: missedD!.ticketId, status: 'closed', supersededBy: made.ticketId }, { ticketId: made.ticketId, status: 'pending' }]);

    const e = caller();
    await notify('end', inbound(newSession(), e.contact, { isLost: true }));
    const [missedE] = await settle(e.e164, [{ kind: 'missed_call', status: 'open' }]);
    const outE = { session: newSession(), direction: 'out' as const, contact: e.contact, employeeId: 4343 };
    await notify('callout', outE);
    await notify('handset', outE);
    await known(outE.session, 'answers');
    expect((await gw.request({ method: 'POST', url: `/v1/tickets/${missedE!.ticketId}/calls`, key: org.operator, body: { callId: callIdOf(outE.session), operatorUserId: B } })).statusCode).toBe(201);
    await notify('end', { ...outE, talk: 20 });
    await known(outE.session, 'ended');
    await settle(e.e164, [{ ticketId: missedE!.ticketId, status: 'pending', callIds: [expect.any(String), callIdOf(outE.session)] as unknown as string[] }].map(({ callIds: _c, ...x }) => x));
  });

  it('G4: a call taken by a provider operator not mapped to a user is ignored for ticketing', async () => {
    const c = caller();
    const s = newSession();
    await notify('handset', inbound(s, c.contact, { employeeId: UNMAPPED }));
    await notify('end', inbound(s, c.contact, { employeeId: UNMAPPED, talk: 30 }));
    await known(s, 'ended');
    // A later call of the same caller is ticketed: the first one was seen, and left alone.
    const later = newSession();
    await notify('handset', inbound(later, c.contact, { employeeId: 4242 }));
    await notify('end', inbound(later, c.contact, { employeeId: 4242, talk: 30 }));
    await settle(c.e164, [{ status: 'open', callIds: [callIdOf(later)] }]);
  });

  it('bad input: the end before the answer, and every notification twice → one ticket, as in order', async () => {
    const c = caller();
    const s = newSession();
    const end = inbound(s, c.contact, { employeeId: 4242, talk: 33 });
    await notify('end', end);
    await notify('end', end);
    await notify('handset', inbound(s, c.contact, { employeeId: 4242 }));
    await notify('handset', inbound(s, c.contact, { employeeId: 4242 }));
    await settle(c.e164, [{ status: 'open', subject: `Incoming call from ${c.e164}`, assigneeUserId: A, callIds: [callIdOf(s)] }]);
  });

  it('bad input: a second ticket for one call, an operator not on the call, an unknown call, another organization\'s call or ticket', async () => {
    const c = caller();
    const s = newSession();
    await notify('handset', inbound(s, c.contact, { employeeId: 4242 }));
    await known(s, 'answers');
    const body = { callId: callIdOf(s), operatorUserId: A, subject: 'İlk' };
    expect((await gw.request({ method: 'POST', url: '/v1/tickets', key: org.operator, body })).statusCode).toBe(201);
    const again = expectProblem(await gw.request({ method: 'POST', url: '/v1/tickets', key: org.operator, body: { ...body, subject: 'İkinci' } }), 409, 'TICKET_CALL_ALREADY_TICKETED');
    expect(again.ticketId).toEqual(expect.any(String));
    expectProblem(await gw.request({ method: 'POST', url: '/v1/tickets', key: org.operator, body: { ...body, operatorUserId: B } }), 409, 'TICKET_OPERATOR_NOT_ON_CALL');
    expectProblem(await gw.request({ method: 'POST', url: '/v1/tickets', key: org.operator, body: { ...body, callId: '0190ffff-0000-7000-8000-000000000001' } }), 404, 'TICKET_CALL_NOT_FOUND');
    const [mine] = await settle(c.e164, [{ status: 'new' }]);
    expectProblem(await gw.request({ method: 'PUT', url: `/v1/calls/${callIdOf(s)}/ticket-draft`, key: org.operator, body: { operatorUserId: B, subject: 'x' } }), 409, 'TICKET_OPERATOR_NOT_ON_CALL');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/tickets/${mine!.ticketId}/calls`, key: org.operator, body: { callId: callIdOf(s), operatorUserId: B } }), 409, 'TICKET_OPERATOR_NOT_ON_CALL');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/tickets/${mine!.ticketId}/calls`, key: org.operator, body: { callId: callIdOf(s), operatorUserId: A } }), 409, 'TICKET_CALL_ALREADY_TICKETED');
    const other = await gw.createOrg();
    expectProblem(await gw.request({ method: 'POST', url: '/v1/tickets', key: other.key, body }), 404, 'TICKET_CALL_NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/tickets/${mine!.ticketId}`, key: other.key }), 404, 'TICKET_NOT_FOUND');
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/tickets/${mine!.ticketId}`, key: other.key, body: { subject: 'x' } }), 404, 'TICKET_NOT_FOUND');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/tickets/${mine!.ticketId}/calls`, key: other.key, body: { callId: callIdOf(s), operatorUserId: A } }), 404, 'TICKET_NOT_FOUND');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/tickets/${mine!.ticketId}/call`, key: other.key, body: { operatorUserId: A } }), 404, 'TICKET_NOT_FOUND');
    expectProblem(await gw.request({ method: 'PUT', url: `/v1/calls/${callIdOf(s)}/ticket-draft`, key: other.key, body: { operatorUserId: A } }), 404, 'TICKET_CALL_NOT_FOUND');
    expect((await gw.request({ method: 'GET', url: '/v1/tickets', key: other.key })).json()).toEqual({ items: [], nextCursor: null });
    // Attaching a call of another customer (another number) to this ticket.
    const d = caller();
    const s2 = newSession();
    await notify('handset', inbound(s2, d.contact, { employeeId: 4242 }));
    await known(s2, 'answers');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/tickets/${mine!.ticketId}/calls`, key: org.operator, body: { callId: callIdOf(s2), operatorUserId: A } }), 409, 'TICKET_CALL_OTHER_CUSTOMER');
    await settle(c.e164, [{ status: 'new', callIds: [callIdOf(s)] }]);
  });

  it('PATCH follows the ticket machine: close, reopen; a refused change stores nothing; roles', async () => {
    const c = caller();
    const s = newSession();
    await notify('handset', inbound(s, c.contact, { employeeId: 4242 }));
    await notify('end', inbound(s, c.contact, { employeeId: 4242, talk: 12 }));
    const [t] = await settle(c.e164, [{ status: 'open' }]);
    const patch = (body: unknown, key = org.operator) => gw.request({ method: 'PATCH', url: `/v1/tickets/${t!.ticketId}`, key, body });
    expect((await patch({ status: 'closed', subject: 'Çözüldü' })).json()).toMatchObject({ status: 'closed', subject: 'Çözüldü', closedAt: expect.any(String) });
    expectProblem(await patch({ status: 'pending' }), 409, 'TICKET_INVALID_STATE');
    expect((await patch({ status: 'open' }, org.supervisor)).json()).toMatchObject({ status: 'open', subject: 'Çözüldü' });
    expectProblem(await patch({ subject: '   ' }), 422, 'VALIDATION_FAILED');
    expectProblem(await patch({ status: 'new' }), 422, 'VALIDATION_FAILED');
    // Only admin and supervisor keys place calls (an operator key carries no user).
    expectProblem(await gw.request({ method: 'POST', url: `/v1/tickets/${t!.ticketId}/call`, key: org.operator, body: { operatorUserId: A } }), 403, 'FORBIDDEN');
    const events: Array<{ type: string }> = await tk.db.dataSource.query(`SELECT envelope->>'type' AS type FROM outbox WHERE envelope->>'subject' = $1 ORDER BY seq`, [t!.ticketId]);
    expect(events.map((e) => e.type)).toEqual(['ticketing.ticket.created.v1', 'ticketing.ticket.updated.v1', 'ticketing.ticket.updated.v1']);
  });
});
