import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { makeEnvelope, Subjects } from '@santral/contracts';
import { connectNats } from '@santral/messaging';
import { testEnv, waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';

jest.setTimeout(60_000);

// F3 (issue 14 item 5): message rules through the gateway; a missed inbound call matching one gets
// "we missed your call" — dialer-orchestrator → telephony.sms.send.v1 → the real telephony-gateway,
// sent by its simulator — once per caller per window. The provider's inbound facts are played by the
// test on the deployment's bus (the simulator account is the call's account, so the SMS can go out).
const SIGNING_SECRET = `whsec_${Buffer.from('message-rules-signing-secret-0001').toString('base64')}`;
const ALWAYS_LINE = '+902125550100';
const HOURS_LINE = '+902125550200';

/** A zone where it is about midday now, so "06:00–18:00 every day" holds for the whole test. */
function middayZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours(); // -11 … +12
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('message rules (F3): CRUD through the gateway, "we missed your call" by SMS once per caller per window', () => {
  let gw: Gateway;
  let tel: TelephonyBeside;
  let dialer: DialerBeside;
  let nc: NatsConnection;
  let org: { id: string; key: string; operator: string; supervisor: string };
  let accountId: string;

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, key = org.key) => gw.request({ method, url, key, ...(body !== undefined ? { body } : {}) });
  const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field);

  async function publish(type: string, data: object): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/test', data, orgid: org.id, subject: (data as { callId: string }).callId, time: new Date() });
    await jetstream(nc).publish(`${gw.subjectPrefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }
  const fact = (callId: string) => ({ organizationId: org.id, callId, providerAccountId: accountId, provider: 'simulator', providerCallId: `sim-${callId}` });
  const endedFact = (callId: string) => ({
    ...fact(callId), direction: 'inbound', talkSeconds: 0, waitSeconds: 8, totalSeconds: 8, forwardedSeconds: 0,
    endReason: { status: 'no_answer', reason: 'caller_abandoned', fault: 'customer', billable: false }, isLost: true, tags: [],
  });
  const dialerCall = async (callId: string) =>
    ((await dialer.db.dataSource.query('SELECT ended_at FROM calls WHERE call_id = $1', [callId])) as Array<{ ended_at: Date | null }>)[0];

  /** A missed inbound call from `from` to `to`: received, then its end — `endTwice` delivers the end again (a duplicate). */
  async function missedCall(from: string, to: string, endTwice = false): Promise<string> {
    const callId = randomUUID();
    await publish(Subjects.Telephony.InboundReceived, { ...fact(callId), from, rawFrom: from, to });
    await waitFor(async () => (await dialerCall(callId)) !== undefined, 20_000, `dialer has call ${callId}`);
    await publish(Subjects.Telephony.CallEnded, endedFact(callId));
    if (endTwice) await publish(Subjects.Telephony.CallEnded, endedFact(callId));
    await waitFor(async () => (await dialerCall(callId))?.ended_at != null, 20_000, `call ${callId} ended in the dialer`);
    return callId;
  }
  const smsTo = async (to: string) =>
    (await tel.db.dataSource.query('SELECT sms_id, status, provider_account_id FROM sms_messages WHERE to_number = $1', [to])) as Array<{ sms_id: string; status: string; provider_account_id: string }>;
  const sendsTo = async (to: string) =>
    (await dialer.db.dataSource.query(`SELECT envelope->'data' AS d FROM outbox WHERE envelope->>'type' = $1 AND envelope->'data'->>'to' = $2`, [Subjects.Telephony.SendSms, to])) as Array<{ d: Record<string, unknown> }>;
  const callbackOf = async (to: string) =>
    ((await dialer.db.dataSource.query(`SELECT extract(epoch FROM not_before - now())::int AS due_in FROM call_tasks WHERE kind = 'callback' AND to_number = $1`, [to])) as Array<{ due_in: number }>)[0];

  beforeAll(async () => {
    gw = await startGateway('gw_mrule', { RPC_TIMEOUT_MS: '8000' });
    tel = await startTelephonyBeside(gw, 'tg_mrule');
    dialer = await startDialerBeside(gw, 'dlr_mrule');
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'mrule-test' });
    const o = await gw.createOrg({ timeZone: middayZone(), plan: 'business' });
    const roles = await gw.roleKeys(o.key);
    org = { id: o.id, key: o.key, ...roles };
    const sim = await req('POST', '/v1/provider-accounts', { type: 'simulator', name: 'Sim', settings: { timeScale: 60 }, secrets: { apiKey: 'sk_mr', signingSecret: SIGNING_SECRET } });
    expect(sim.statusCode).toBe(201);
    accountId = sim.json<{ id: string }>().id;
    await dialer.knows(o.id);
    for (const number of [ALWAYS_LINE, HOURS_LINE]) expect((await req('POST', '/v1/hotlines', { number, label: number })).statusCode).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await nc?.close().catch(() => undefined);
    await dialer?.close();
    await tel?.close();
    await gw?.close();
  });

  let alwaysRule: { id: string };

  it('creates rules (admin and supervisor), reads them back, replays an Idempotency-Key; a taken name is 409', async () => {
    const created = await gw.request({
      method: 'POST', url: '/v1/message-rules', key: org.key, headers: { 'idempotency-key': 'rule-1' },
      body: { name: 'Main line', channel: 'sms', calledNumbers: [ALWAYS_LINE], template: 'We missed your call to {{calledNumber}}, {{callerNumber}}. We call you back soon.', callbackAfterMinutes: 30, priority: 10 },
    });
    expect(created.statusCode).toBe(201);
    alwaysRule = created.json<{ id: string }>();
    expect(created.json()).toMatchObject({ name: 'Main line', active: true, channel: 'sms', calledNumbers: [ALWAYS_LINE], when: 'always', windowHours: 24, callbackAfterMinutes: 30, priority: 10 });
    const replay = await gw.request({ method: 'POST', url: '/v1/message-rules', key: org.key, headers: { 'idempotency-key': 'rule-1' }, body: { name: 'Main line', channel: 'sms', calledNumbers: [ALWAYS_LINE], template: 'We missed your call to {{calledNumber}}, {{callerNumber}}. We call you back soon.', callbackAfterMinutes: 30, priority: 10 } });
    expect(replay.json<{ id: string }>().id).toBe(alwaysRule.id);
    const hours = await req('POST', '/v1/message-rules', {
      name: 'Out of hours', channel: 'sms', calledNumbers: [HOURS_LINE], when: 'outside_business_hours', businessHours: [{ start: '06:00', end: '18:00' }], template: 'We are closed',
    }, org.supervisor);
    expect(hours.statusCode).toBe(201);
    expectProblem(await req('POST', '/v1/message-rules', { name: 'Main line', channel: 'sms', template: 'x' }), 409, 'MESSAGE_RULE_NAME_TAKEN');
    await expect(req('GET', `/v1/message-rules/${alwaysRule.id}`, undefined, org.supervisor).then((r) => r.json())).resolves.toMatchObject({ id: alwaysRule.id, name: 'Main line' });
    const list = (await req('GET', '/v1/message-rules')).json<{ items: Array<{ id: string }>; nextCursor: string | null }>();
    expect(list.items.map((r) => r.id).sort()).toEqual([alwaysRule.id, hours.json<{ id: string }>().id].sort());
  });

  it('a missed call matching a rule → one SMS, sent by the simulator; a duplicated end sends no second; the callback is due as the rule says', async () => {
    const caller = '+905551230001';
    const callId = await missedCall(caller, ALWAYS_LINE, true);
    const [sms] = await waitFor(async () => {
      const rows = await smsTo(caller);
      return rows.length > 0 && rows[0]!.status !== 'sending' && rows;
    }, 20_000, 'the SMS at the telephony-gateway');
    expect(sms).toMatchObject({ status: 'sent', provider_account_id: accountId });
    const sends = await sendsTo(caller);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.d).toMatchObject({ from: ALWAYS_LINE, to: caller, callId, ruleId: alwaysRule.id, providerAccountId: accountId, body: `We missed your call to ${ALWAYS_LINE}, ${caller}. We call you back soon.` });
    expect((await callbackOf(caller))!.due_in).toBeGreaterThan(25 * 60);
  });

  it('a second missed call from the same caller within the window → no second SMS', async () => {
    const caller = '+905551230002';
    await missedCall(caller, ALWAYS_LINE);
    await waitFor(async () => (await smsTo(caller)).length === 1, 20_000, 'the first SMS');
    await missedCall(caller, ALWAYS_LINE);
    await expect(sendsTo(caller)).resolves.toHaveLength(1);
    // The telephony-gateway got one command only; give a stray second one the time to arrive.
    await new Promise((r) => setTimeout(r, 500));
    await expect(smsTo(caller)).resolves.toHaveLength(1);
  });

  it('a call inside business hours with an outside-hours rule → no SMS, and the callback is due at once', async () => {
    const caller = '+905551230003';
    await missedCall(caller, HOURS_LINE);
    await expect(sendsTo(caller)).resolves.toHaveLength(0);
    expect((await callbackOf(caller))!.due_in).toBeLessThanOrEqual(1);
  });

  it('bad input is 422 naming the field', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const p = expectProblem(await req('POST', '/v1/message-rules', { name: `r-${randomUUID()}`, channel: 'sms', template: 'x', ...body }), 422, 'VALIDATION_FAILED');
      expect(fieldsOf(p).join(' ')).toContain(field);
    };
    await bad({ channel: 'email' }, 'channel');
    await bad({ template: 'Hello {{firstName}}' }, 'template');
    await bad({ template: 'x'.repeat(481) }, 'template');
    await bad({ windowHours: 0 }, 'windowHours');
    await bad({ windowHours: 721 }, 'windowHours');
    await bad({ callbackAfterMinutes: 1441 }, 'callbackAfterMinutes');
    await bad({ when: 'inside_business_hours' }, 'businessHours');
    await bad({ when: 'inside_business_hours', businessHours: [{ start: '18:00', end: '09:00' }] }, 'businessHours.0.end');
    await bad({ calledNumbers: ['+902125559999'] }, 'calledNumbers.0');
    expectProblem(await req('PATCH', `/v1/message-rules/${alwaysRule.id}`, { template: '{{nope}}' }), 422, 'VALIDATION_FAILED');
  });

  it('PATCH changes the given fields; DELETE removes; another organization’s key gets 404', async () => {
    const other = await gw.createOrg();
    for (const [method, body] of [['GET', undefined], ['PATCH', { active: false }], ['DELETE', undefined]] as const) {
      expectProblem(await req(method, `/v1/message-rules/${alwaysRule.id}`, body, other.key), 404, 'MESSAGE_RULE_NOT_FOUND');
    }
    await expect(req('GET', '/v1/message-rules', undefined, other.key).then((r) => r.json())).resolves.toEqual({ items: [], nextCursor: null });
    const patched = await req('PATCH', `/v1/message-rules/${alwaysRule.id}`, { windowHours: 48, callbackAfterMinutes: null }, org.supervisor);
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Main line', windowHours: 48, callbackAfterMinutes: null });
    const temp = (await req('POST', '/v1/message-rules', { name: 'Temp', channel: 'sms', template: 'x', active: false })).json<{ id: string }>();
    expect((await req('DELETE', `/v1/message-rules/${temp.id}`)).statusCode).toBe(204);
    expectProblem(await req('GET', `/v1/message-rules/${temp.id}`), 404, 'MESSAGE_RULE_NOT_FOUND');
  });

  it('an operator may neither read nor write message rules (403)', async () => {
    for (const [method, url, body] of [
      ['POST', '/v1/message-rules', { name: 'Op', channel: 'sms', template: 'x' }],
      ['GET', '/v1/message-rules', undefined],
      ['GET', `/v1/message-rules/${alwaysRule.id}`, undefined],
      ['PATCH', `/v1/message-rules/${alwaysRule.id}`, { active: false }],
      ['DELETE', `/v1/message-rules/${alwaysRule.id}`, undefined],
    ] as const) {
      expectProblem(await req(method, url, body, org.operator), 403, 'FORBIDDEN');
    }
  });
});
