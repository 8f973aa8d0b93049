import { v4 as uuidv4 } from 'uuid';
import { waitFor, sealForTests } from '@santral/testing';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { SetOperatorMapUseCase } from '../src/provider-accounts/set-operator-map.use-case';
import { TestProviderAccountUseCase } from '../src/provider-accounts/test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from '../src/provider-accounts/update-provider-account.use-case';
import { ReconcileCallsUseCase } from '../src/reconciler/reconcile-calls.use-case';
import { derivedCallId } from '../src/webhooks/webhook-batch.writer';
import { callGearBody, type CallGearSample } from './support/callgear-bodies';
import { CallGearStandIn } from './support/callgear-stand-in';
import { type GatewayHarness, startGateway } from './support/gateway-harness';

const OPERATOR_USER = '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11';

/** The six CallGear notifications of S4 (G3) through the real HTTP endpoint. */
describe('CallGear notifications', () => {
  let h: GatewayHarness;
  let webhookUrl: string;
  let accountId: string;
  const post = async (event: string, s: CallGearSample, base = webhookUrl) => {
    const res = await fetch(`${base}/${event}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(callGearBody(event, s)) });
    return { status: res.status, body: await res.text() };
  };
  const typesOf = async (session: number) => (await h.events(derivedCallId(accountId, String(session)))).map((e) => e.type);

  beforeAll(async () => {
    h = await startGateway('tg_callgear');
    const account = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'callgear', name: 'CallGear TR', settings: { defaultCountry: 'TR' }, sealedSecrets: sealForTests(h.orgId, { apiKey: 'cg-api-key' }),
    });
    accountId = account.id;
    webhookUrl = account.webhookUrl;
    await h.app.get(SetOperatorMapUseCase).execute({ organizationId: h.orgId, id: accountId, operators: [{ providerEmployeeId: '4242', userId: OPERATOR_USER }] });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('gives a webhook URL with a secret path token, to which the six paths are appended', () => {
    expect(webhookUrl).toMatch(new RegExp(`^${h.baseUrl}/webhooks/callgear/${accountId}/[A-Za-z0-9_-]{32}$`));
  });

  it('answered inbound call: handset, endleg, end, recording → inbound.received, answered, leg_ended, ended, recording.completed', async () => {
    const s: CallGearSample = { session: 1001, direction: 'in', employeeId: 4242, legId: 5001, legIds: [5000, 5001], talk: 95, wait: 12, total: 107, tags: ['VIP', 'Şikayet'] };
    for (const event of ['handset', 'endleg', 'end', 'recording']) {
      await expect(post(event, { ...s, fileLink: event === 'recording' ? 'https://app.callgear.com/system/media/talk/1001/rec.mp3' : null })).resolves.toMatchObject({ status: 200 });
    }
    const callId = derivedCallId(accountId, '1001');
    const events = await h.events(callId);
    expect(events.map((e) => e.type)).toEqual([
      'telephony.inbound.received.v1', 'telephony.call.answered.v1', 'telephony.call.leg_ended.v1', 'telephony.call.ended.v1', 'telephony.recording.completed.v1',
    ]);
    const [inbound, answered, leg, ended, recording] = events.map((e) => e.data);
    expect(inbound).toMatchObject({ provider: 'callgear', providerCallId: '1001', from: '+905551234567', rawFrom: '905551234567', to: '+902125550000' });
    expect(answered).toMatchObject({ operator: { providerEmployeeId: '4242', name: 'Mehmet Operatör', userId: OPERATOR_USER } });
    expect(leg).toMatchObject({ legId: '5001', legType: 'operator', talkSeconds: 95, totalSeconds: 107 });
    expect(ended).toMatchObject({ direction: 'inbound', talkSeconds: 95, waitSeconds: 12, totalSeconds: 107, isLost: false, tags: ['VIP', 'Şikayet'], endReason: { status: 'ended', reason: 'completed', billable: true } });
    expect(recording).toMatchObject({ url: 'https://app.callgear.com/system/media/talk/1001/rec.mp3', durationSeconds: 95 });
    const legs = await h.db.dataSource.query(`SELECT provider_ref FROM provider_call_refs WHERE call_id = $1 AND ref_kind = 'leg' ORDER BY provider_ref`, [callId]);
    expect(legs.map((r: { provider_ref: string }) => r.provider_ref)).toEqual(['5000', '5001']);
  });

  it('missed inbound call (is_lost) → inbound.received and ended as caller_abandoned, not billable', async () => {
    await expect(post('end', { session: 1002, direction: 'in', isLost: true, wait: 20, total: 20 })).resolves.toMatchObject({ status: 200 });
    const events = await h.events(derivedCallId(accountId, '1002'));
    expect(events.map((e) => e.type)).toEqual(['telephony.inbound.received.v1', 'telephony.call.ended.v1']);
    expect(events[1]!.data).toMatchObject({ isLost: true, talkSeconds: 0, endReason: { status: 'no_answer', reason: 'caller_abandoned', fault: 'customer', billable: false } });
  });

  it('outbound softphone call: callout, legout, endleg, end → initiated, ringing, leg_ended, ended', async () => {
    const s: CallGearSample = { session: 1003, direction: 'out', employeeId: 4242, legId: 6001, talk: 30, total: 38, wait: 8 };
    for (const event of ['callout', 'legout', 'endleg', 'end']) await expect(post(event, s)).resolves.toMatchObject({ status: 200 });
    expect(await typesOf(1003)).toEqual(['telephony.call.initiated.v1', 'telephony.call.ringing.v1', 'telephony.call.leg_ended.v1', 'telephony.call.ended.v1']);
    const ended = (await h.events(derivedCallId(accountId, '1003')))[3]!.data;
    expect(ended).toMatchObject({ direction: 'outbound', talkSeconds: 30, endReason: { reason: 'completed' } });
  });

  it('a leg that finishes after the call, and a repeated notification, are handled', async () => {
    const s: CallGearSample = { session: 1004, direction: 'in', employeeId: 4242, legId: 7001, talk: 10, total: 15, wait: 5 };
    await expect(post('end', s)).resolves.toMatchObject({ status: 200 });
    await expect(post('endleg', s)).resolves.toMatchObject({ status: 200 });
    await expect(post('endleg', s)).resolves.toEqual({ status: 200, body: '{"status":"duplicate"}' });
    expect(await typesOf(1004)).toEqual(['telephony.inbound.received.v1', 'telephony.call.ended.v1', 'telephony.call.leg_ended.v1']);
  });

  it('every handset of a session counts, also without leg_id and notification_time (a second operator after a transfer)', async () => {
    const s: CallGearSample = { session: 1006, direction: 'in', legId: null, talk: 0 };
    const bare = (employeeId: number) => ({ ...callGearBody('handset', { ...s, employeeId }), notification_time: null });
    const send = (b: object) => fetch(`${webhookUrl}/handset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }).then((r) => r.text());
    await expect(send(bare(4242))).resolves.toBe('{"status":"accepted"}');
    await expect(send(bare(4343))).resolves.toBe('{"status":"accepted"}');
    await expect(send(bare(4343))).resolves.toBe('{"status":"duplicate"}');
    const answered = (await h.events(derivedCallId(accountId, '1006'))).filter((e) => e.type === 'telephony.call.answered.v1');
    expect(answered.map((e) => (e.data.operator as { providerEmployeeId: string }).providerEmployeeId)).toEqual(['4242', '4343']);
  });

  it("reads zone-less notification times in the account's settings.timeZone", async () => {
    const zoned = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'callgear', name: 'Istanbul', settings: { timeZone: 'Europe/Istanbul' }, sealedSecrets: sealForTests(h.orgId, { apiKey: 'k' }),
    });
    await expect(post('end', { session: 1007, direction: 'in', time: '2024-04-06 12:30:00' }, zoned.webhookUrl)).resolves.toMatchObject({ status: 200 });
    const [ended] = (await h.events(derivedCallId(zoned.id, '1007'))).filter((e) => e.type === 'telephony.call.ended.v1');
    expect(ended!.envelope.time).toBe('2024-04-06T09:30:00.000Z');
    await expect(h.app.get(UpdateProviderAccountUseCase).execute({ organizationId: h.orgId, id: zoned.id, settings: { timeZone: 'Istanbul' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a wrong path token → 401; an address outside the allow-list → 403; nothing stored', async () => {
    const before = await h.count('webhook_receipts');
    const wrong = webhookUrl.replace(/\/[^/]+$/, '/not-the-token-not-the-token-xxxx');
    await expect(post('end', { session: 1005, direction: 'in' }, wrong)).resolves.toMatchObject({ status: 401 });
    const fenced = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'callgear', name: 'Fenced', settings: { allowedIps: ['203.0.113.0/24'] }, sealedSecrets: sealForTests(h.orgId, { apiKey: 'k' }),
    });
    await expect(post('end', { session: 1005, direction: 'in' }, fenced.webhookUrl)).resolves.toMatchObject({ status: 403 });
    // No proxy is trusted here: an X-Forwarded-For inside the allow-list changes nothing.
    const spoofed = await fetch(`${fenced.webhookUrl}/end`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' }, body: JSON.stringify(callGearBody('end', { session: 1005, direction: 'in' })),
    });
    expect(spoofed.status).toBe(403);
    await expect(post('hangup', { session: 1005, direction: 'in' })).resolves.toMatchObject({ status: 404 });
    expect(await h.count('webhook_receipts')).toBe(before);
  });
});

describe('CallGear IP allow-list behind a trusted proxy', () => {
  let h: GatewayHarness;
  afterAll(async () => {
    await h?.close();
  });

  it("believes X-Forwarded-For only from WEBHOOK_TRUSTED_PROXIES, walking past them to the client", async () => {
    h = await startGateway('tg_callgear_proxy', { WEBHOOK_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' });
    const fenced = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'callgear', name: 'Fenced', settings: { allowedIps: ['203.0.113.0/24'] }, sealedSecrets: sealForTests(h.orgId, { apiKey: 'k' }),
    });
    const post = (xff: string, session: number) =>
      fetch(`${fenced.webhookUrl}/end`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': xff }, body: JSON.stringify(callGearBody('end', { session, direction: 'in' })) });
    expect((await post('203.0.113.7, 10.2.3.4', 2001)).status).toBe(200);
    // The client prepended an allowed address; the hop our proxy saw (198.51.100.4) is outside the list.
    expect((await post('203.0.113.7, 198.51.100.4', 2002)).status).toBe(403);
    expect(await h.count('webhook_receipts')).toBe(1);
  });
});

const CALL_TOKEN = 'cg-call-api-token-for-tests';
const DATA_TOKEN = 'cg-data-api-token-for-tests';
const VIRTUAL = '+902125550000';

/** Originate, hangup, transfer, test and the reconciler against a stand-in of CallGear's Call API and Data API. */
describe('CallGear Call API and Data API (stand-in)', () => {
  let h: GatewayHarness;
  let cg: CallGearStandIn;
  let accountId: string;

  beforeAll(async () => {
    cg = new CallGearStandIn({ call: CALL_TOKEN, data: DATA_TOKEN });
    await cg.listen();
    h = await startGateway('tg_callgear_api', { CALLGEAR_CALL_API_URL: cg.callApiUrl, CALLGEAR_DATA_API_URL: cg.dataApiUrl });
    const account = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'callgear', name: 'CallGear API', settings: { defaultCountry: 'TR', employeeId: 25, sipDomain: 'sip.callgear.test' },
      sealedSecrets: sealForTests(h.orgId, { apiKey: CALL_TOKEN, dataApiKey: DATA_TOKEN }),
    });
    accountId = account.id;
  });

  afterAll(async () => {
    await h?.close();
    await cg?.app.close();
  });

  const originate = async (to: string) => {
    const callId = uuidv4();
    await h.sendCommand('telephony.call.originate.v1', { organizationId: h.orgId, callId, attempt: 1, kind: 'single', providerAccountId: accountId, from: VIRTUAL, to, ringTimeoutSeconds: 25, record: false });
    return callId;
  };
  const dialled = async (to: string) => {
    const callId = await originate(to);
    const initiated = await h.waitForEvent(callId, 'telephony.call.initiated.v1');
    return { callId, session: Number(initiated.data.providerCallId) };
  };
  const methodsFor = (session: number) => cg.requests.filter((r) => r.params.call_session_id === session).map((r) => r.method);
  const reconcile = () => h.app.get(ReconcileCallsUseCase).execute({ now: new Date(Date.now() + 3 * 3600_000) });

  it('originate through the command path calls start.employee_call with the documented params and stores call_session_id', async () => {
    const { callId, session } = await dialled('+905551234567');
    const request = cg.calls('start.employee_call').find((r) => r.params.external_id === callId);
    expect(request).toMatchObject({ api: 'call', id: expect.any(String) });
    expect(request!.params).toEqual({
      access_token: CALL_TOKEN, first_call: 'contact', switch_at_once: true, direction: 'out',
      virtual_phone_number: '902125550000', contact: '905551234567', employee: { id: 25 }, external_id: callId,
    });
    expect(cg.sessions.get(session)?.state).toBe('talk');
    const [row] = await h.db.dataSource.query(`SELECT provider_call_id, state FROM telephony_calls WHERE call_id = $1`, [callId]);
    expect(row).toEqual({ provider_call_id: String(session), state: 'initiated' });
    const refs = await h.db.dataSource.query(`SELECT provider_ref, ref_kind FROM provider_call_refs WHERE call_id = $1`, [callId]);
    expect(refs).toEqual([{ provider_ref: String(session), ref_kind: 'call' }]);
  });

  it("click-to-call: the operator's CallGear employee comes from the operator map (G4), not the account default", async () => {
    const operator = uuidv4();
    await h.app.get(SetOperatorMapUseCase).execute({ organizationId: h.orgId, id: accountId, operators: [{ providerEmployeeId: '77', userId: operator }] });
    const callId = uuidv4();
    await h.sendCommand('telephony.call.originate.v1', {
      organizationId: h.orgId, callId, attempt: 1, kind: 'click_to_call', providerAccountId: accountId, from: VIRTUAL, to: '+905551234568',
      ringTimeoutSeconds: 25, record: false, operatorLeg: { userId: operator, endpoint: '+905321112233' },
    });
    await h.waitForEvent(callId, 'telephony.call.initiated.v1');
    const request = cg.calls('start.employee_call').find((r) => r.params.external_id === callId);
    expect(request!.params).toMatchObject({ first_call: 'employee', employee: { id: 77, phone_number: '905321112233' } });
  });

  it('a contact on the CallGear blacklist ends the call at once with the error mnemonic', async () => {
    const callId = await originate('+905551230009');
    await expect(h.waitForEvent(callId, 'telephony.call.ended.v1')).resolves.toMatchObject({
      data: { endReason: { status: 'failed', reason: 'TO_NUMBER_NOT_ALLOWS_CALLOUT', fault: 'configuration', providerCode: 'contact_in_blacklist' } },
    });
  });

  it('hangup reaches release.call with the call_session_id', async () => {
    const { callId, session } = await dialled('+905551234568');
    await h.sendCommand('telephony.call.hangup.v1', { organizationId: h.orgId, callId, reason: 'cancelled_by_user' });
    await waitFor(() => cg.calls('release.call').find((r) => r.params.call_session_id === session), 10_000, 'release.call');
    expect(cg.calls('release.call').find((r) => r.params.call_session_id === session)!.params).toEqual({ access_token: CALL_TOKEN, call_session_id: session });
    expect(cg.sessions.get(session)?.state).toBe('released');
  });

  it('transfer to a number: hold.call → make.call → transfer.talk (blind transfer)', async () => {
    const { callId, session } = await dialled('+905551234569');
    await h.sendCommand('telephony.call.transfer.v1', { organizationId: h.orgId, callId, target: '+905559876543' });
    await waitFor(() => cg.sessions.get(session)?.state === 'transferred', 10_000, 'transfer.talk');
    expect(methodsFor(session)).toEqual(['hold.call', 'make.call', 'transfer.talk']);
    const [hold, make] = cg.requests.filter((r) => r.params.call_session_id === session);
    expect(hold!.params.contact_message).toEqual({ type: 'tts', value: expect.any(String) });
    expect(make!.params).toEqual({ access_token: CALL_TOKEN, call_session_id: session, to: '905559876543' });
    expect((await h.events(callId)).map((e) => e.type)).not.toContain('telephony.call.transfer_failed.v1');
  });

  it("transfer to one of the account's SIP lines dials its number; a foreign SIP URI is NOT_SUPPORTED and CallGear is not asked", async () => {
    const own = await dialled('+905551234570');
    await h.sendCommand('telephony.call.transfer.v1', { organizationId: h.orgId, callId: own.callId, target: 'sip:7001@sip.callgear.test' });
    await waitFor(() => cg.sessions.get(own.session)?.state === 'transferred', 10_000, 'transfer.talk');
    expect(cg.calls('make.call').find((r) => r.params.call_session_id === own.session)!.params.to).toBe('7001');

    const foreign = await dialled('+905551234571');
    await h.sendCommand('telephony.call.transfer.v1', { organizationId: h.orgId, callId: foreign.callId, target: 'sip:operator@pbx.example.com' });
    const failed = await h.waitForEvent(foreign.callId, 'telephony.call.transfer_failed.v1');
    expect(failed.data).toMatchObject({ target: 'sip:operator@pbx.example.com', reason: 'provider_error', providerCode: expect.stringMatching(/^NOT_SUPPORTED: /) });
    expect(methodsFor(foreign.session)).toEqual([]);
  });

  it('a transfer CallGear refuses puts the customer back on the line and reports transfer_failed with the mnemonic', async () => {
    const { callId, session } = await dialled('+905551234572');
    await h.sendCommand('telephony.call.transfer.v1', { organizationId: h.orgId, callId, target: '+905559870404' });
    const failed = await h.waitForEvent(callId, 'telephony.call.transfer_failed.v1');
    expect(failed.data).toMatchObject({ reason: 'provider_error', providerCode: expect.stringMatching(/^no_active_phone_number: /) });
    expect(methodsFor(session)).toEqual(['hold.call', 'make.call', 'unhold.call']);
    expect(cg.sessions.get(session)?.state).toBe('talk');
  });

  it('test reports a bad Data API token and a bad Call API token as credentials_rejected, without CallGear\'s text', async () => {
    const test = h.app.get(TestProviderAccountUseCase);
    const update = h.app.get(UpdateProviderAccountUseCase);
    await expect(test.execute({ organizationId: h.orgId, id: accountId })).resolves.toMatchObject({ ok: true });
    await update.execute({ organizationId: h.orgId, id: accountId, sealedSecrets: sealForTests(h.orgId, { dataApiKey: 'revoked-data-token' }) });
    await expect(test.execute({ organizationId: h.orgId, id: accountId })).resolves.toEqual({ ok: false, reason: 'credentials_rejected', testedAt: expect.any(String) });
    await update.execute({ organizationId: h.orgId, id: accountId, sealedSecrets: sealForTests(h.orgId, { dataApiKey: DATA_TOKEN, apiKey: 'revoked-call-token' }) });
    await expect(test.execute({ organizationId: h.orgId, id: accountId })).resolves.toEqual({ ok: false, reason: 'credentials_rejected', testedAt: expect.any(String) });
    await update.execute({ organizationId: h.orgId, id: accountId, sealedSecrets: sealForTests(h.orgId, { apiKey: CALL_TOKEN }) });
    await expect(test.execute({ organizationId: h.orgId, id: accountId })).resolves.toMatchObject({ ok: true });
    expect(cg.calls('get.account').at(-1)!.params).toEqual({ access_token: DATA_TOKEN });
  });

  it('the reconciler asks get.calls_report about a silent call and closes it with the provider answer', async () => {
    const { callId, session } = await dialled('+905551234573');
    cg.finish(session, { finish_reason: 'caller_busy', talk_duration: 0, wait_duration: 18, total_duration: 18 });
    await expect(reconcile()).resolves.toMatchObject({ closedByProvider: expect.any(Number) });
    const ended = await h.waitForEvent(callId, 'telephony.call.ended.v1');
    expect(ended.data).toMatchObject({ talkSeconds: 0, waitSeconds: 18, totalSeconds: 18, endReason: { status: 'busy', reason: 'busy', fault: 'customer', providerCode: 'caller_busy' } });
    const ask = cg.calls('get.calls_report').find((r) => (r.params.filter as { value?: unknown }).value === session);
    expect(ask).toMatchObject({ api: 'data', params: { access_token: DATA_TOKEN, include_ongoing_calls: true, filter: { field: 'id', operator: '=', value: session } } });
    expect(ask!.params.date_from).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('an answered call that went silent is closed with its talk time and who hung up', async () => {
    const { callId, session } = await dialled('+905551234574');
    cg.finish(session, { finish_reason: 'operator_disconnects', talk_duration: 95, wait_duration: 7, total_duration: 102 });
    await reconcile();
    await expect(h.waitForEvent(callId, 'telephony.call.ended.v1')).resolves.toMatchObject({
      data: { talkSeconds: 95, totalSeconds: 102, endReason: { status: 'ended', reason: 'operator_hung_up', billable: true, providerCode: 'operator_disconnects' } },
    });
  });

  it('a call CallGear still reports as ongoing stays open with a later deadline', async () => {
    const { callId, session } = await dialled('+905551234575');
    const deadline = async () => (await h.db.dataSource.query(`SELECT ended_at, deadline_at FROM telephony_calls WHERE call_id = $1`, [callId]))[0];
    const before = await deadline();
    await expect(reconcile()).resolves.toMatchObject({ stillActive: expect.any(Number) });
    expect(cg.calls('get.calls_report').some((r) => (r.params.filter as { value?: unknown }).value === session)).toBe(true);
    expect((await h.events(callId)).map((e) => e.type)).not.toContain('telephony.call.ended.v1');
    const after = await deadline();
    expect(after.ended_at).toBeNull();
    // The reconciler moved the deadline to now + grace (shorter than the ring timeout + grace set at dialling).
    expect(new Date(after.deadline_at).getTime()).not.toBe(new Date(before.deadline_at).getTime());
  });

  it('a call CallGear does not know is still closed as lost_provider_events', async () => {
    const { callId, session } = await dialled('+905551234576');
    cg.forget(session);
    await reconcile();
    await expect(h.waitForEvent(callId, 'telephony.call.ended.v1')).resolves.toMatchObject({
      data: { endReason: { status: 'failed', reason: 'lost_provider_events', fault: 'carrier' } },
    });
    expect(cg.calls('get.calls_report').some((r) => (r.params.filter as { value?: unknown }).value === session)).toBe(true);
  });
});
