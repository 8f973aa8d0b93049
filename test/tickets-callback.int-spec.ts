import { sealForTests, waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { CreateProviderAccountUseCase } from '../apps/telephony-gateway/src/provider-accounts/create-provider-account.use-case';
import { SetOperatorMapUseCase } from '../apps/telephony-gateway/src/provider-accounts/set-operator-map.use-case';
import { derivedCallId } from '../apps/telephony-gateway/src/webhooks/webhook-batch.writer';
import { callGearBody, type CallGearSample } from '../apps/telephony-gateway/test/support/callgear-bodies';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';
import { startTicketingBeside, type TicketingBeside } from './support/ticketing-beside';

// S4 §6–9, §13, §17, §18 c: a call from a ticket (J5, J9, J10). The missed call comes as a CallGear
// notification to the real telephony-gateway; the callback goes api-gateway → dialer-orchestrator →
// telephony-gateway's simulator (…0005 answers, …0002 does not), and its end reaches ticketing.
const SIGNING_SECRET = `whsec_${Buffer.from('tickets-callback-signing-secret-1').toString('base64')}`;

interface Ticket {
  ticketId: string;
  status: string;
  handset: string;
  callerNumber?: string;
  callIds: string[];
  messages: Array<{ kind: string; callId?: string; body?: string; recordingUrl?: string; authorUserId?: string }>;
}

describe('a call from a ticket (J5, J9): api-gateway → dialer → simulator → ticketing', () => {
  let gw: Gateway;
  let tel: TelephonyBeside;
  let dialer: DialerBeside;
  let tk: TicketingBeside;
  let org: { id: string; key: string; operator: string };
  let userId: string;
  let callGear: { id: string; webhookUrl: string };
  let session = 5000;

  beforeAll(async () => {
    gw = await startGateway('gw_tkcb', { RPC_TIMEOUT_MS: '8000' });
    tel = await startTelephonyBeside(gw, 'tg_tkcb', { listen: true });
    dialer = await startDialerBeside(gw, 'dlr_tkcb');
    tk = await startTicketingBeside(gw, 'tk_tkcb');
    // Each CallGear inbound call takes one of the dialer's slots too (E1): more than the free plan's 3.
    const o = await gw.createOrg({ timeZone: 'Etc/GMT', plan: 'business' });
    org = { id: o.id, key: o.key, operator: (await gw.roleKeys(o.key)).operator };
    const post = (url: string, body: unknown) => gw.request({ method: 'POST', url, key: org.key, body });
    userId = (await post('/v1/users', { name: 'Ayşe', email: 'ayse@example.com', role: 'operator' })).json<{ id: string }>().id;
    // The oldest account is the one the dialer dials through: the simulator, made first.
    const sim = await post('/v1/provider-accounts', {
      type: 'simulator', name: 'Sim', settings: { timeScale: 60, ringSeconds: { min: 1, max: 2 }, talkSeconds: { min: 300, max: 360 } }, secrets: { apiKey: 'sk_tk', signingSecret: SIGNING_SECRET },
    });
    expect(sim.statusCode).toBe(201);
    await dialer.knows(o.id);
    expect((await post('/v1/hotlines', { number: '+902125550100', label: 'Main line' })).statusCode).toBe(201);
    expect((await gw.request({ method: 'PUT', url: `/v1/users/${userId}/presence`, key: org.key, body: { status: 'available', endpoint: 'sip:ayse@pbx.example.com' } })).statusCode).toBe(200);
    const account = await tel.app.get(CreateProviderAccountUseCase).execute({
      organizationId: o.id, type: 'callgear', name: 'CallGear TR', settings: { defaultCountry: 'TR' }, sealedSecrets: sealForTests(o.id, { apiKey: 'cg' }),
    });
    callGear = { id: account.id, webhookUrl: account.webhookUrl };
    await tel.app.get(SetOperatorMapUseCase).execute({ organizationId: o.id, id: account.id, operators: [{ providerEmployeeId: '4242', userId }] });
  }, 60_000);

  afterAll(async () => {
    await tk?.close();
    await dialer?.close();
    await tel?.close();
    await gw?.close();
  });

  async function missedCallFrom(contact: string): Promise<Ticket> {
    const s: CallGearSample = { session: (session += 1), direction: 'in', contact, employeeId: 4242, isLost: true, wait: 15, total: 15 };
    const res = await fetch(`${callGear.webhookUrl}/end`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(callGearBody('end', s)) });
    expect(res.status).toBe(200);
    const callId = derivedCallId(callGear.id, String(s.session));
    return waitFor(async () => {
      const list = (await gw.request({ method: 'GET', url: '/v1/tickets?kind=missed_call', key: org.key })).json<{ items: Array<{ ticketId: string; callIds: string[] }> }>().items;
      const found = list.find((t) => t.callIds.includes(callId));
      return found ? detail(found.ticketId) : undefined;
    }, 20_000, `missed ticket of ${contact}`);
  }
  const detail = async (id: string) => (await gw.request({ method: 'GET', url: `/v1/tickets/${id}`, key: org.operator })).json<Ticket>();
  const callBack = (ticketId: string, key = org.key) => gw.request({ method: 'POST', url: `/v1/tickets/${ticketId}/call`, key, body: { operatorUserId: userId } });
  /** The number's tickets: a callback lands on its ticket and never makes another. */
  const ticketsOf = async (e164: string) => (await gw.request({ method: 'GET', url: `/v1/tickets?callerNumber=${encodeURIComponent(e164)}`, key: org.key })).json<{ items: Array<{ ticketId: string }> }>().items.map((t) => t.ticketId);
  const presenceFree = () =>
    waitFor(async () => ((await dialer.db.dataSource.query('SELECT current_call_id FROM operator_presence WHERE user_id = $1', [userId])) as Array<{ current_call_id: string | null }>)[0]?.current_call_id === null, 30_000, 'operator free');

  it('§13, §18 c (J9, J10): the customer answers the callback → the missed-call ticket goes pending, its handset green, with the call and its recording', async () => {
    const missed = await missedCallFrom('905551240005');
    expect(missed).toMatchObject({ status: 'open', handset: 'red', callerNumber: '+905551240005' });
    const placed = await callBack(missed.ticketId);
    expect(placed.statusCode).toBe(202);
    const { callId } = placed.json<{ callId: string }>();
    const after = await waitFor(async () => {
      const t = await detail(missed.ticketId);
      return t.status === 'pending' && t.messages.some((m) => m.kind === 'call' && m.callId === callId && m.recordingUrl) && t;
    }, 40_000, 'callback on the ticket').catch(async (e) => {
      console.log(JSON.stringify(await tk.db.dataSource.query('SELECT track FROM ticket_call_tracks WHERE call_id = $1', [callId])));
      console.log(JSON.stringify(await dialer.db.dataSource.query("SELECT envelope->>'type' AS t, envelope->'data' AS d FROM outbox WHERE envelope->>'subject' = $1 ORDER BY seq", [callId])));
      console.log(JSON.stringify(await detail(missed.ticketId)));
      throw e;
    });
    expect(after).toMatchObject({ status: 'pending', handset: 'green', callIds: [missed.callIds[0], callId] });
    expect(after.messages.find((m) => m.callId === callId)).toMatchObject({ kind: 'call', authorUserId: userId, recordingUrl: expect.stringContaining('.wav') });
    await presenceFree();
    await expect(ticketsOf('+905551240005')).resolves.toEqual([missed.ticketId]);
  });

  it('§8 (J5): the summary the operator saves during the answered callback is the message on the ticket, the recording added at the end', async () => {
    const missed = await missedCallFrom('905551260005');
    const { callId } = (await callBack(missed.ticketId)).json<{ callId: string }>();
    // The operator is on the call once the dialer's events reached ticketing.
    const draft = () => gw.request({ method: 'PUT', url: `/v1/calls/${callId}/ticket-draft`, key: org.operator, body: { operatorUserId: userId, summary: 'Randevu perşembeye alındı' } });
    await waitFor(async () => (await draft()).statusCode === 200, 20_000, 'summary saved during the call');
    const after = await waitFor(async () => {
      const t = await detail(missed.ticketId);
      return t.messages.some((m) => m.callId === callId && m.recordingUrl) && t;
    }, 40_000, 'callback message with its recording');
    expect(after).toMatchObject({ status: 'pending', handset: 'green' });
    expect(after.messages.find((m) => m.callId === callId)).toMatchObject({ kind: 'call', body: 'Randevu perşembeye alındı', authorUserId: userId });
    await presenceFree();
  });

  it('§9, §17 (J5, J10): the customer does not answer → the attempt is recorded, the ticket stays open and red', async () => {
    const missed = await missedCallFrom('905551250002');
    const placed = await callBack(missed.ticketId);
    expect(placed.statusCode).toBe(202);
    const { callId } = placed.json<{ callId: string }>();
    const after = await waitFor(async () => {
      const t = await detail(missed.ticketId);
      return t.messages.some((m) => m.kind === 'attempt' && m.callId === callId) && t;
    }, 40_000, 'attempt on the ticket').catch(async (e) => {
      console.log(JSON.stringify(await tk.db.dataSource.query('SELECT track FROM ticket_call_tracks WHERE call_id = $1', [callId])));
      console.log(JSON.stringify(await dialer.db.dataSource.query("SELECT envelope->>'type' AS t, envelope->'data'->>'state' AS d, envelope->'data'->'endReason' AS r FROM outbox WHERE envelope->>'subject' = $1 ORDER BY seq", [callId])));
      throw e;
    });
    expect(after).toMatchObject({ status: 'open', handset: 'red', callIds: [missed.callIds[0], callId] });
    await presenceFree();
    await expect(ticketsOf('+905551250002')).resolves.toEqual([missed.ticketId]);
  });

  it('refuses a ticket with no number (409), an operator key (403), another organization (404)', async () => {
    const withheld = await missedCallFrom('');
    expect(withheld.callerNumber).toBeUndefined();
    expectProblem(await callBack(withheld.ticketId), 409, 'TICKET_HAS_NO_NUMBER');
    expectProblem(await callBack(withheld.ticketId, org.operator), 403, 'FORBIDDEN');
    const other = await gw.createOrg();
    expectProblem(await callBack(withheld.ticketId, other.key), 404, 'TICKET_NOT_FOUND');
  });
});
