import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { makeEnvelope, Subjects, type OriginateCallV1 } from '@santral/contracts';
import { connectNats, decodeJson } from '@santral/messaging';
import { testEnv, waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';

// /v1/calls end to end: the real api-gateway → NATS → the real dialer-orchestrator, which dials
// through the real telephony-gateway and its simulator (…0005 answers). Agents come from the
// campaign context's events, published here on the stream as the campaign service would.
const SIGNING_SECRET = `whsec_${Buffer.from('calls-api-test-signing-secret-01').toString('base64')}`;
const MISSING = '0190ffff-0000-7000-8000-000000000000';
const HOTLINE = '+902125550100';

interface Org {
  id: string;
  key: string;
  supervisor: string;
  operator: string;
  agentId: string;
  userId: string;
}

describe('the call API: api-gateway → dialer-orchestrator → telephony-gateway (simulator)', () => {
  let gw: Gateway;
  let dialer: DialerBeside;
  let telephony: TelephonyBeside;
  let nc: NatsConnection;
  const originates: OriginateCallV1[] = [];
  let seq = 0;

  beforeAll(async () => {
    gw = await startGateway('gw_calls', { RPC_TIMEOUT_MS: '8000' });
    telephony = await startTelephonyBeside(gw, 'tg_calls', { listen: true });
    dialer = await startDialerBeside(gw, 'dlr_calls');
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'calls-api-test' });
    nc.subscribe(`${gw.subjectPrefix}.${Subjects.Telephony.OriginateCall}`, { callback: (_e, msg) => void originates.push((decodeJson(msg.data) as { data: OriginateCallV1 }).data) });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await dialer?.close();
    await telephony?.close();
    await gw?.close();
  });

  const rows = (sql: string, params: unknown[] = []) => dialer.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  const post = (key: string, url: string, body?: unknown, headers?: Record<string, string>) => gw.request({ method: 'POST', url, key, body: body ?? {}, headers });
  const get = (key: string, url: string) => gw.request({ method: 'GET', url, key });

  async function publishAgent(orgId: string, type: string, data: object, time: Date): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/campaign', data, orgid: orgId, subject: (data as { agentId: string }).agentId, time });
    await jetstream(nc).publish(`${gw.subjectPrefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  const agentSnapshot = (orgId: string, agentId: string, over: Record<string, unknown> = {}) => ({
    organizationId: orgId, agentId, name: 'Ada', active: true, complete: true, missingFields: [], firstMessageMode: 'agent_first',
    responseTimeoutSeconds: 10, forwardingTargets: [], ...over,
  });

  const agentRow = async (orgId: string, agentId: string) => (await rows('SELECT active, complete, missing_fields, deleted FROM dialer_agents WHERE organization_id = $1 AND agent_id = $2', [orgId, agentId]))[0];

  /** An organization the dialer knows, with a hotline, a simulator account, an active complete agent and an operator user. */
  async function org(simulator: Record<string, unknown> = { talkSeconds: { min: 60, max: 90 } }, overrides: Record<string, unknown> = {}): Promise<Org> {
    const o = await gw.createOrg({ timeZone: 'Etc/GMT', ...overrides });
    const { supervisor, operator } = await gw.roleKeys(o.key);
    const user = (await post(o.key, '/v1/users', { name: 'Ayşe', email: `ayse${++seq}@example.com`, role: 'operator' })).json<{ id: string }>();
    const account = await post(o.key, '/v1/provider-accounts', {
      type: 'simulator', name: 'Sim', settings: { timeScale: 60, ringSeconds: { min: 1, max: 2 }, ...simulator }, secrets: { apiKey: 'sk_calls', signingSecret: SIGNING_SECRET },
    });
    expect(account.statusCode).toBe(201);
    await dialer.knows(o.id);
    expect((await post(o.key, '/v1/hotlines', { number: HOTLINE, label: 'Main line' })).statusCode).toBe(201);
    const agentId = `0190aaaa-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
    await publishAgent(o.id, Subjects.Campaign.AgentCreated, agentSnapshot(o.id, agentId), new Date());
    await waitFor(async () => (await agentRow(o.id, agentId)) !== undefined, 10_000, 'agent projected');
    return { id: o.id, key: o.key, supervisor, operator, agentId, userId: user.id };
  }

  /** Nothing of a call was stored for the organization: no task, no transition, no queued event in the outbox. */
  async function expectNothingStored(orgId: string): Promise<void> {
    await expect(rows('SELECT count(*)::int AS n FROM call_tasks WHERE organization_id = $1', [orgId])).resolves.toEqual([{ n: 0 }]);
    await expect(rows('SELECT count(*)::int AS n FROM calls WHERE organization_id = $1', [orgId])).resolves.toEqual([{ n: 0 }]);
    await expect(rows('SELECT count(*)::int AS n FROM call_transitions WHERE organization_id = $1', [orgId])).resolves.toEqual([{ n: 0 }]);
    await expect(rows(`SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = $1 AND envelope->>'orgid' = $2`, [Subjects.Dialer.CallQueued, orgId])).resolves.toEqual([{ n: 0 }]);
  }

  const stateOf = async (key: string, callId: string) => (await get(key, `/v1/calls/${callId}`)).json<{ state: string }>().state;

  it('refuses each named E4 check over HTTP with its code, storing, dialling and reserving nothing', async () => {
    const a = await org();
    const single = (over: Record<string, unknown> = {}) => post(a.key, '/v1/calls', { kind: 'single', to: '0555 123 00 05', agentId: a.agentId, ...over });
    expectProblem(await single({ agentId: MISSING }), 422, 'AGENT_INACTIVE');
    const incomplete = '0190aaaa-0000-7000-8000-0000000000ff';
    await publishAgent(a.id, Subjects.Campaign.AgentCreated, agentSnapshot(a.id, incomplete, { complete: false, missingFields: ['systemInstruction', 'voice'] }), new Date());
    await waitFor(async () => (await agentRow(a.id, incomplete)) !== undefined, 10_000, 'incomplete agent projected');
    const body = expectProblem(await single({ agentId: incomplete }), 422, 'AGENT_INCOMPLETE');
    expect(body.detail).toMatch(/systemInstruction, voice/);
    expectProblem(await single({ from: '+902129999999' }), 422, 'FROM_NUMBER_NOT_FOUND');
    expect((await post(a.key, '/v1/hotlines', { number: '+902125550199', label: 'Inbound only', outboundAllowed: false })).statusCode).toBe(201);
    expectProblem(await single({ from: '0212 555 01 99' }), 422, 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT');
    expectProblem(await single({ to: '0555 12' }), 422, 'INVALID_PHONE_NUMBER');
    expect((await post(a.key, '/v1/dnc', { numbers: ['0555 123 00 05'] })).statusCode).toBe(200);
    expectProblem(await single({ to: '+90 555 123 00 05' }), 422, 'TO_NUMBER_NOT_ALLOWS_CALLOUT');
    // Two failing checks: the first in E4's order is the answer.
    expectProblem(await single({ agentId: MISSING, to: '0555 12' }), 422, 'AGENT_INACTIVE');
    const c2c = { kind: 'click_to_call', to: '0555 123 00 15', operatorUserId: a.userId };
    expectProblem(await post(a.key, '/v1/calls', c2c), 422, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL');
    expect((await gw.request({ method: 'PUT', url: `/v1/users/${a.userId}/presence`, key: a.key, body: { status: 'available' } })).statusCode).toBe(200);
    const noEndpoint = expectProblem(await post(a.key, '/v1/calls', c2c), 422, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL');
    expect(noEndpoint.detail).toMatch(/no endpoint/);
    expect((await post(a.key, '/v1/calls', { kind: 'single', to: '0555 123 00 05' })).statusCode).toBe(422);
    await expectNothingStored(a.id);
    expect(originates.filter((o) => o.organizationId === a.id)).toEqual([]);
    await expect(rows('SELECT status, current_call_id FROM operator_presence WHERE organization_id = $1', [a.id])).resolves.toEqual([{ status: 'available', current_call_id: null }]);
  });

  it('projects agents from duplicated and out-of-order events: the newest fact wins, a delete is final', async () => {
    const a = await org();
    const t = (s: number) => new Date(Date.now() + s * 1000);
    const agentId = '0190aaaa-0000-7000-8000-0000000000ee';
    await publishAgent(a.id, Subjects.Campaign.AgentUpdated, agentSnapshot(a.id, agentId, { active: false }), t(3));
    await publishAgent(a.id, Subjects.Campaign.AgentCreated, agentSnapshot(a.id, agentId), t(1));
    await publishAgent(a.id, Subjects.Campaign.AgentUpdated, agentSnapshot(a.id, agentId, { active: true }), t(2));
    await publishAgent(a.id, Subjects.Campaign.AgentUpdated, agentSnapshot(a.id, agentId, { active: false }), t(3));
    const probe = '0190aaaa-0000-7000-8000-0000000000ed';
    await publishAgent(a.id, Subjects.Campaign.AgentCreated, agentSnapshot(a.id, probe), t(0));
    await waitFor(async () => (await agentRow(a.id, probe)) !== undefined, 10_000, 'events applied');
    await expect(agentRow(a.id, agentId)).resolves.toEqual({ active: false, complete: true, missing_fields: [], deleted: false });
    expectProblem(await post(a.key, '/v1/calls', { kind: 'single', to: '0555 123 00 05', agentId }), 422, 'AGENT_INACTIVE');
    await publishAgent(a.id, Subjects.Campaign.AgentDeleted, { organizationId: a.id, agentId: probe }, t(1));
    await publishAgent(a.id, Subjects.Campaign.AgentUpdated, agentSnapshot(a.id, probe, { name: 'Late' }), t(5));
    await publishAgent(a.id, Subjects.Campaign.AgentDeleted, { organizationId: a.id, agentId: probe }, t(1));
    await waitFor(async () => (await agentRow(a.id, probe))?.deleted === true, 10_000, 'delete applied');
    await new Promise((r) => setTimeout(r, 500));
    await expect(agentRow(a.id, probe)).resolves.toMatchObject({ deleted: true, active: false });
    expectProblem(await post(a.key, '/v1/calls', { kind: 'single', to: '0555 123 00 05', agentId: probe }), 422, 'AGENT_INACTIVE');
    await expectNothingStored(a.id);
  });

  it('queues a single call (202) that is dialled and answered; GET shows its transitions in order; list filters and pages', async () => {
    const a = await org();
    const res = await post(a.supervisor, '/v1/calls', { kind: 'single', to: '0555 123 00 05', agentId: a.agentId });
    expect(res.statusCode).toBe(202);
    const { callId, state } = res.json<{ callId: string; state: string }>();
    expect(state).toBe('queued');
    await waitFor(async () => ['ended'].includes(await stateOf(a.key, callId)), 30_000, 'call answered and ended');
    const call = (await get(a.operator, `/v1/calls/${callId}`)).json<Record<string, unknown> & { transitions: Array<{ from?: string; to: string; cause: string; at: string }> }>();
    expect(call).toMatchObject({ callId, kind: 'single', state: 'ended', attempt: 1, to: '+905551230005', from: HOTLINE, agentId: a.agentId, endReason: { status: 'ended' }, providerCallId: expect.any(String) });
    expect(call.talkSeconds).toBeGreaterThan(0);
    // A fact the state machine refused (a late ringing after answered) is kept as `rejected:…`, the state unmoved.
    const moved = call.transitions.filter((t) => !t.cause.startsWith('rejected:')).map((t) => t.to).filter((s) => s !== 'ringing');
    expect(moved).toEqual(['queued', 'dialing', 'in_progress', 'ended']);
    expect(call.transitions[0]!.cause).toBe('api');
    const ats = call.transitions.map((t) => Date.parse(t.at));
    expect([...ats].sort((x, y) => x - y)).toEqual(ats);
    expect(originates.find((o) => o.callId === callId)).toMatchObject({ kind: 'single', agentId: a.agentId, from: HOTLINE, to: '+905551230005' });

    const second = (await post(a.key, '/v1/calls', { kind: 'test', to: '0555 123 10 05', agentId: a.agentId })).json<{ callId: string }>().callId;
    const list = async (q: string) => (await get(a.key, `/v1/calls${q}`)).json<{ items: Array<{ callId: string }>; nextCursor: string | null }>();
    const p1 = await list('?limit=1');
    expect(p1.items.map((i) => i.callId)).toEqual([second]);
    const p2 = await list(`?limit=1&cursor=${p1.nextCursor}`);
    expect(p2.items.map((i) => i.callId)).toEqual([callId]);
    expect(p2.nextCursor).toBeNull();
    expect((await list(`?number=${encodeURIComponent('0555 123 00 05')}`)).items.map((i) => i.callId)).toEqual([callId]);
    expect((await list('?state=ended')).items.map((i) => i.callId)).toContain(callId);
    expect((await list('?state=busy')).items).toEqual([]);
    expect((await list(`?campaignId=${MISSING}`)).items).toEqual([]);
    expect((await list(`?operatorUserId=${a.userId}`)).items).toEqual([]);
    expect((await list(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toEqual([]);
    expect((await list(`?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items.length).toBe(2);
    expectProblem(await get(a.key, '/v1/calls?cursor=bogus'), 400, 'INVALID_CURSOR');
  });

  it.each([
    ['busy, with its SIP cause', '0555 124 00 01', { status: 'busy', reason: 'busy', sipCause: 486 }],
    ["refused at originate, the provider's code kept (E5)", '0555 124 00 08', { status: 'failed', reason: 'REQUEST_ANSWER_URL_ERROR', providerCode: 'REQUEST_ANSWER_URL_ERROR' }],
  ])('GET /v1/calls/{id} shows a call that ended %s', async (_name, to, endReason) => {
    const a = await org();
    const { callId } = (await post(a.key, '/v1/calls', { kind: 'test', to, agentId: a.agentId })).json<{ callId: string }>();
    await waitFor(async () => ['ended', 'failed', 'no_answer', 'busy', 'cancelled'].includes(await stateOf(a.key, callId)), 30_000, 'call ended');
    const call = (await get(a.key, `/v1/calls/${callId}`)).json<{ state: string; endReason: Record<string, unknown>; transitions: Array<{ to: string; cause: string }> }>();
    expect(call).toMatchObject({ state: endReason.status, endReason });
    expect(call.transitions.at(-1)).toMatchObject({ to: endReason.status, cause: `telephony:${endReason.reason}` });
  });

  it('click-to-call: the originate carries the operator leg, the operator is busy with the call and free again when it ends', async () => {
    const a = await org();
    await gw.request({ method: 'PUT', url: `/v1/users/${a.userId}/presence`, key: a.key, body: { status: 'available', endpoint: 'sip:ayse@pbx.example.com' } });
    const res = await post(a.key, '/v1/calls', { kind: 'click_to_call', to: '0555 123 20 05', operatorUserId: a.userId });
    expect(res.statusCode).toBe(202);
    const { callId } = res.json<{ callId: string }>();
    await expect(rows('SELECT status, current_call_id FROM operator_presence WHERE organization_id = $1', [a.id])).resolves.toEqual([{ status: 'busy', current_call_id: callId }]);
    expectProblem(await post(a.key, '/v1/calls', { kind: 'click_to_call', to: '0555 123 30 05', operatorUserId: a.userId }), 422, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL');
    await waitFor(() => originates.some((o) => o.callId === callId), 20_000, 'originated');
    expect(originates.find((o) => o.callId === callId)).toMatchObject({ kind: 'click_to_call', operatorLeg: { userId: a.userId, endpoint: 'sip:ayse@pbx.example.com' } });
    expect((await get(a.key, `/v1/calls?operatorUserId=${a.userId}`)).json<{ items: Array<{ callId: string }> }>().items.map((i) => i.callId)).toEqual([callId]);
    await waitFor(async () => ['ended', 'failed', 'no_answer', 'busy'].includes(await stateOf(a.key, callId)), 30_000, 'call ended');
    await waitFor(async () => (await rows('SELECT status FROM operator_presence WHERE organization_id = $1', [a.id]))[0]!.status === 'available', 10_000, 'operator freed');
  });

  it('hangs up a queued call at once, and transfers then hangs up a call in progress; an ended call answers CALL_ALREADY_ENDED', async () => {
    const a = await org({ talkSeconds: { min: 900, max: 1200 } }, { limits: { concurrentSlots: 1 } });
    const long = (await post(a.key, '/v1/calls', { kind: 'single', to: '0555 124 00 05', agentId: a.agentId })).json<{ callId: string }>().callId;
    expectProblem(await post(a.key, `/v1/calls/${long}/transfer`, { target: '+905551234567' }), 409, 'CALL_NOT_IN_PROGRESS');
    await waitFor(async () => (await stateOf(a.key, long)) === 'in_progress', 30_000, 'in progress');
    expectProblem(await post(a.key, `/v1/calls/${long}/transfer`, { target: 'sip:nobody' }), 422, 'INVALID_TRANSFER_TARGET');
    expectProblem(await post(a.key, `/v1/calls/${long}/transfer`, { target: '12' }), 422, 'INVALID_TRANSFER_TARGET');
    const transfer = await post(a.operator, `/v1/calls/${long}/transfer`, { target: 'sip:100@pbx.example.com' });
    expect(transfer.statusCode).toBe(202);
    expect(transfer.json()).toEqual({ callId: long, state: 'in_progress' });
    await waitFor(async () => (await rows(`SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = $1 AND envelope->>'orgid' = $2`, [Subjects.Telephony.TransferCall, a.id]))[0]!.n === 1, 5000, 'transfer command written');
    const hang = await post(a.operator, `/v1/calls/${long}/hangup`);
    expect(hang.statusCode).toBe(202);
    await waitFor(async () => !['in_progress', 'forwarding'].includes(await stateOf(a.key, long)), 30_000, 'ended after hangup');
    expectProblem(await post(a.key, `/v1/calls/${long}/hangup`), 409, 'CALL_ALREADY_ENDED');
    expectProblem(await post(a.key, `/v1/calls/${long}/transfer`, { target: 'sip:100@pbx.example.com' }), 409, 'CALL_NOT_IN_PROGRESS');

    // While the only slot is held by a long call, a second call stays queued: hanging it up cancels it at once, never dialled.
    const first = (await post(a.key, '/v1/calls', { kind: 'single', to: '0555 125 00 05', agentId: a.agentId })).json<{ callId: string }>().callId;
    await waitFor(async () => (await stateOf(a.key, first)) === 'in_progress', 30_000, 'slot taken');
    const queued = (await post(a.key, '/v1/calls', { kind: 'single', to: '0555 123 42 05', agentId: a.agentId })).json<{ callId: string }>().callId;
    expect(await stateOf(a.key, queued)).toBe('queued');
    const cancel = await post(a.key, `/v1/calls/${queued}/hangup`);
    expect(cancel.statusCode).toBe(202);
    expect(cancel.json()).toEqual({ callId: queued, state: 'cancelled' });
    const cancelled = (await get(a.key, `/v1/calls/${queued}`)).json<{ state: string; endReason: { reason: string }; transitions: Array<{ to: string }> }>();
    expect(cancelled).toMatchObject({ state: 'cancelled', endReason: { reason: 'cancelled_by_user' } });
    expect(cancelled.transitions.map((t) => t.to)).toEqual(['queued', 'cancelled']);
    expectProblem(await post(a.key, `/v1/calls/${queued}/hangup`), 409, 'CALL_ALREADY_ENDED');
    expect(await post(a.key, `/v1/calls/${first}/hangup`).then((r) => r.statusCode)).toBe(202);
    await new Promise((r) => setTimeout(r, 1000));
    expect(originates.some((o) => o.callId === queued)).toBe(false);
  });

  it("hides every call from another organization (404 on every route), refuses operator keys on POST, and replays an Idempotency-Key with one task", async () => {
    const a = await org();
    const b = await org();
    const headers = { 'idempotency-key': 'call-once-1' };
    const first = await post(a.key, '/v1/calls', { kind: 'single', to: '0555 123 50 05', agentId: a.agentId }, headers);
    const again = await post(a.key, '/v1/calls', { kind: 'single', to: '0555 123 50 05', agentId: a.agentId }, headers);
    expect(first.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    const { callId } = first.json<{ callId: string }>();
    await expect(rows('SELECT count(*)::int AS n FROM call_tasks WHERE organization_id = $1', [a.id])).resolves.toEqual([{ n: 1 }]);

    expectProblem(await get(b.key, `/v1/calls/${callId}`), 404, 'CALL_NOT_FOUND');
    expectProblem(await post(b.key, `/v1/calls/${callId}/hangup`), 404, 'CALL_NOT_FOUND');
    expectProblem(await post(b.key, `/v1/calls/${callId}/transfer`, { target: 'sip:100@pbx.example.com' }), 404, 'CALL_NOT_FOUND');
    expect((await get(b.key, '/v1/calls')).json()).toEqual({ items: [], nextCursor: null });
    expectProblem(await get(a.key, `/v1/calls/${MISSING}`), 404, 'CALL_NOT_FOUND');

    expectProblem(await post(a.operator, '/v1/calls', { kind: 'single', to: '0555 123 50 05', agentId: a.agentId }), 403, 'FORBIDDEN');
    expectProblem(await post(a.operator, '/v1/calls', { kind: 'click_to_call', to: '0555 123 50 05', operatorUserId: a.userId }), 403, 'FORBIDDEN');
    await expect(rows('SELECT count(*)::int AS n FROM call_tasks WHERE organization_id = $1', [a.id])).resolves.toEqual([{ n: 1 }]);
    expect((await post(a.supervisor, '/v1/calls', { kind: 'test', to: '0555 123 60 05', agentId: a.agentId })).statusCode).toBe(202);
    await waitFor(async () => ['ended', 'failed', 'no_answer', 'busy'].includes(await stateOf(a.key, callId)), 30_000, 'call ended');
  });
});
