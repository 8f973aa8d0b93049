import { v4 as uuidv4 } from 'uuid';
import { validatePayload } from '@santral/contracts';
import { waitFor, sealForTests } from '@santral/testing';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { UpdateProviderAccountUseCase } from '../src/provider-accounts/update-provider-account.use-case';
import { ReconcileCallsUseCase } from '../src/reconciler/reconcile-calls.use-case';
import { type GatewayHarness, SIGNING_SECRET, startGateway } from './support/gateway-harness';

/** originate over JetStream → simulator over HTTP → signed webhooks → ingest → facts in the outbox. */
describe('telephony-gateway with the simulated provider (real HTTP, Postgres, NATS)', () => {
  let h: GatewayHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startGateway('tg_sim');
    const account = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'simulator', name: 'Sim',
      settings: { timeScale: 60, seed: 7, ringSeconds: { min: 2, max: 4 }, talkSeconds: { min: 30, max: 50 }, transcriptSegments: 2 },
      sealedSecrets: sealForTests(h.orgId, { apiKey: 'sk_test', signingSecret: SIGNING_SECRET }),
    });
    accountId = account.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  const originate = (to: string, extra: Record<string, unknown> = {}) => {
    const callId = uuidv4();
    const data = { organizationId: h.orgId, callId, attempt: 1, kind: 'single', providerAccountId: accountId, from: '+902125550000', to, ringTimeoutSeconds: 30, record: true, ...extra };
    return { callId, data, send: (id?: string) => h.sendCommand('telephony.call.originate.v1', data, id) };
  };

  const types = async (callId: string) => (await h.events(callId)).map((e) => e.type);

  it('answered: initiated → ringing → answered → ended, with leg, recording and transcript', async () => {
    const c = originate('+905551230005');
    await c.send();
    const ended = await h.waitForEvent(c.callId, 'telephony.call.ended.v1');
    await h.waitForEvent(c.callId, 'telephony.transcript.completed.v1');
    const seq = await types(c.callId);
    expect(seq.slice(0, 3)).toEqual(['telephony.call.initiated.v1', 'telephony.call.ringing.v1', 'telephony.call.answered.v1']);
    expect(seq).toEqual(expect.arrayContaining(['telephony.call.leg_ended.v1', 'telephony.recording.completed.v1', 'telephony.transcript.segment_received.v1']));
    expect(seq.filter((t) => t === 'telephony.call.ended.v1')).toHaveLength(1);
    const d = ended.data as { talkSeconds: number; waitSeconds: number; totalSeconds: number; endReason: Record<string, unknown>; providerCallId: string };
    expect(d.talkSeconds).toBeGreaterThanOrEqual(30);
    expect(d.totalSeconds).toBeGreaterThanOrEqual(d.talkSeconds);
    expect(d.endReason).toMatchObject({ status: 'ended', fault: 'none', billable: true });
    expect(['customer_hung_up', 'agent_hung_up']).toContain(d.endReason.reason);
    const rec = (await h.events(c.callId)).find((e) => e.type === 'telephony.recording.completed.v1')!;
    const wav = await fetch(String(rec.data.url));
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await wav.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    const refs = await h.db.dataSource.query(`SELECT call_id FROM provider_call_refs WHERE provider_ref = $1`, [d.providerCallId]);
    expect(refs).toEqual([{ call_id: c.callId }]);
  });

  it.each([
    ['busy', '+905551230001', { status: 'busy', reason: 'busy', fault: 'customer', sipCause: 486 }],
    ['no answer', '+905551230002', { status: 'no_answer', reason: 'no_answer', fault: 'customer' }],
    ['carrier failure', '+905551230003', { status: 'failed', reason: 'provider_error', fault: 'carrier', billable: false, sipCause: 503 }],
    ['voicemail', '+905551230004', { status: 'ended', reason: 'voicemail', billable: true }],
    ['refused at originate (S3)', '+905551230008', { status: 'failed', reason: 'REQUEST_ANSWER_URL_ERROR', fault: 'platform', billable: false, providerCode: 'REQUEST_ANSWER_URL_ERROR' }],
    ['failed later with a Stringee code (S3)', '+905551230009', { status: 'failed', reason: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL', fault: 'configuration', billable: false }],
  ])('%s ends once with the taxonomy reason', async (_name, to, reason) => {
    const c = originate(to);
    await c.send();
    const ended = await h.waitForEvent(c.callId, 'telephony.call.ended.v1');
    expect(ended.data.endReason).toMatchObject(reason);
    await new Promise((r) => setTimeout(r, 300));
    expect((await types(c.callId)).filter((t) => t === 'telephony.call.ended.v1')).toHaveLength(1);
  });

  it('voicemail is answered by a machine', async () => {
    const c = originate('+905551240004');
    await c.send();
    await h.waitForEvent(c.callId, 'telephony.call.ended.v1');
    const calls = [...h.sim.engine.calls.values()].filter((x) => x.clientRef === c.callId);
    expect(calls.map((x) => x.answeredBy)).toEqual(['machine']);
  });

  it('a redelivered originate (same event, and a new event for the same call) dials once', async () => {
    const c = originate('+905551250005');
    const eventId = await c.send();
    await c.send(eventId); // JetStream redelivery of the same event (new Nats-Msg-Id)
    await c.send(); // the dialer re-sending the command as a new event
    await h.waitForEvent(c.callId, 'telephony.call.ended.v1');
    await new Promise((r) => setTimeout(r, 300));
    expect([...h.sim.engine.calls.values()].filter((x) => x.clientRef === c.callId)).toHaveLength(1);
    expect((await types(c.callId)).filter((t) => t === 'telephony.call.initiated.v1')).toHaveLength(1);
  });

  it('the reconciler closes silent calls: with the provider answer, or as lost_provider_events', async () => {
    const silent = originate('+905551260006');
    const vanished = originate('+905551260007');
    await silent.send();
    await vanished.send();
    await h.waitForEvent(silent.callId, 'telephony.call.initiated.v1');
    await h.waitForEvent(vanished.callId, 'telephony.call.initiated.v1');
    await waitFor(() => [...h.sim.engine.calls.values()].some((x) => x.clientRef === silent.callId && x.status === 'completed'), 10_000, 'silent call finished');
    const reconcile = h.app.get(ReconcileCallsUseCase);
    const future = new Date(Date.now() + 3600_000 * 3);
    await expect(reconcile.execute({ now: future })).resolves.toMatchObject({ closedByProvider: 1, closedAsLost: 1 });
    const a = await h.waitForEvent(silent.callId, 'telephony.call.ended.v1');
    expect(a.data.endReason).toMatchObject({ status: 'ended' });
    expect(a.data.talkSeconds).toBeGreaterThan(0);
    const b = await h.waitForEvent(vanished.callId, 'telephony.call.ended.v1');
    expect(b.data.endReason).toMatchObject({ reason: 'lost_provider_events', fault: 'carrier', billable: false });
    await expect(reconcile.execute({ now: future })).resolves.toMatchObject({ closedByProvider: 0, closedAsLost: 0 });
  });

  it('hangup, transfer and SMS commands reach the provider and come back as facts', async () => {
    await h.app.get(UpdateProviderAccountUseCase).execute({ organizationId: h.orgId, id: accountId, settings: { talkSeconds: { min: 600, max: 600 } } });
    const c = originate('+905551270005');
    await c.send();
    await h.waitForEvent(c.callId, 'telephony.call.answered.v1');
    await h.sendCommand('telephony.call.transfer.v1', { organizationId: h.orgId, callId: c.callId, target: 'sip:desk@pbx.example.com' });
    await expect(h.waitForEvent(c.callId, 'telephony.call.forwarded.v1')).resolves.toMatchObject({ data: { target: 'sip:desk@pbx.example.com' } });
    expect((await h.events(c.callId)).map((e) => e.type)).toContain('telephony.call.forwarding.v1');
    await h.sendCommand('telephony.call.hangup.v1', { organizationId: h.orgId, callId: c.callId, reason: 'agent_hung_up' });
    const ended = await h.waitForEvent(c.callId, 'telephony.call.ended.v1');
    expect(ended.data).toMatchObject({ endReason: { reason: 'agent_hung_up' } });
    expect(ended.data.forwardedSeconds).toBeGreaterThan(0);
    await h.app.get(UpdateProviderAccountUseCase).execute({ organizationId: h.orgId, id: accountId, settings: { talkSeconds: { min: 30, max: 50 } } });

    const smsId = uuidv4();
    const sms = { organizationId: h.orgId, smsId, providerAccountId: accountId, to: '+905551234567', body: 'Sizi aradık, ulaşamadık.' };
    await h.sendCommand('telephony.sms.send.v1', sms);
    await h.sendCommand('telephony.sms.send.v1', sms);
    await expect(h.waitForEvent(smsId, 'telephony.sms.sent.v1')).resolves.toMatchObject({ data: { to: '+905551234567' } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.events(smsId)).map((e) => e.type)).toEqual(['telephony.sms.sent.v1']);
  });

  it('an inbound call placed on demand yields inbound.received with the caller normalized', async () => {
    const res = await fetch(`${h.sim.engine.recordingBaseUrl()}/simulator/${accountId}/inbound`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk_test' }, body: JSON.stringify({ from: '0555 123 45 67', to: '+902125550000', outcome: 'missed' }),
    });
    expect(res.status).toBe(202);
    const inbound = (await waitFor(async () => (await h.events()).find((e) => e.type === 'telephony.inbound.received.v1'), 10_000, 'inbound'))!;
    await h.waitForEvent(String(inbound.data.callId), 'telephony.call.ended.v1');
    expect(inbound.data).toMatchObject({ rawFrom: '0555 123 45 67', to: '+902125550000' });
  });

  it('every fact written validates against its libs/contracts payload class', async () => {
    const all = await h.events();
    expect(all.length).toBeGreaterThan(30);
    const invalid = all.map((e) => ({ type: e.type, r: validatePayload(e.type, e.data) })).filter((x) => !x.r.ok);
    expect(invalid.map((x) => ({ type: x.type, errors: x.r.ok ? [] : x.r.errors }))).toEqual([]);
  });
});
