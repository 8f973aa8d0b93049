import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { SetOperatorMapUseCase } from '../src/provider-accounts/set-operator-map.use-case';
import { derivedCallId } from '../src/webhooks/webhook-batch.writer';
import { callGearBody, type CallGearSample } from './support/callgear-bodies';
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
      organizationId: h.orgId, type: 'callgear', name: 'CallGear TR', settings: { defaultCountry: 'TR' }, secrets: { apiKey: 'cg-api-key' },
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

  it('a wrong path token → 401; an address outside the allow-list → 403; nothing stored', async () => {
    const before = await h.count('webhook_receipts');
    const wrong = webhookUrl.replace(/\/[^/]+$/, '/not-the-token-not-the-token-xxxx');
    await expect(post('end', { session: 1005, direction: 'in' }, wrong)).resolves.toMatchObject({ status: 401 });
    const fenced = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'callgear', name: 'Fenced', settings: { allowedIps: ['203.0.113.0/24'] }, secrets: { apiKey: 'k' },
    });
    await expect(post('end', { session: 1005, direction: 'in' }, fenced.webhookUrl)).resolves.toMatchObject({ status: 403 });
    await expect(post('hangup', { session: 1005, direction: 'in' })).resolves.toMatchObject({ status: 404 });
    expect(await h.count('webhook_receipts')).toBe(before);
  });
});
