import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { waitFor } from '@santral/testing';

// /v1/agents end to end: the real api-gateway (auth, roles, validation, problem+json) asks the real
// campaign service over NATS; the agent and its campaign.agent.* event commit together (outbox).
const MISSING = '0190ffff-0000-7000-8000-000000000000';

interface Org {
  id: string;
  key: string;
  supervisor: string;
  operator: string;
}

describe('agents: api-gateway HTTP → NATS request/reply → campaign service', () => {
  let gw: Gateway;
  let campaign: CampaignBeside;
  let dialer: DialerBeside;

  beforeAll(async () => {
    gw = await startGateway('gw_agents', { RPC_TIMEOUT_MS: '5000' });
    campaign = await startCampaignBeside(gw, 'cmp_agents');
    dialer = await startDialerBeside(gw, 'dlr_agents');
  });

  afterAll(async () => {
    await dialer?.close();
    await campaign?.close();
    await gw?.close();
  });

  async function org(): Promise<Org> {
    const o = await gw.createOrg();
    return { id: o.id, key: o.key, ...(await gw.roleKeys(o.key)) };
  }

  const outbox = async (agentId: string) =>
    (await campaign.db.dataSource.query(`SELECT envelope->>'type' AS type FROM outbox WHERE envelope->>'subject' = $1 ORDER BY seq`, [agentId])).map((r: { type: string }) => r.type);
  const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field);

  const complete = {
    name: 'Randevu',
    firstMessageMode: 'agent_first',
    greetingMessage: 'Merhaba {{name}}, {{sehir}} şubemizden arıyoruz.',
    systemInstruction: 'Kibar ol. Numara: {{ phone }}',
    responseTimeoutSeconds: 45,
    voice: { model: 'tr-TR-Wavenet-A', speakingRate: 1.1 },
    language: 'tr-tr',
    forwardingTargets: ['+902125551212', 'sip:desk@pbx.example.com:5060'],
    variables: ['sehir'],
  };

  it('creates a complete agent (language canonical), reads, lists and publishes campaign.agent.created.v1 with it', async () => {
    const a = await org();
    const res = await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: complete });
    expect(res.statusCode).toBe(201);
    const agent = res.json<Record<string, unknown> & { agentId: string }>();
    expect(agent).toMatchObject({ name: 'Randevu', active: true, complete: true, missingFields: [], language: 'tr-TR', responseTimeoutSeconds: 45, variables: ['sehir'] });
    expect(agent).not.toHaveProperty('organizationId');
    const got = await gw.request({ method: 'GET', url: `/v1/agents/${agent.agentId}`, key: a.supervisor });
    expect(got.json()).toEqual(agent);
    const list = await gw.request({ method: 'GET', url: '/v1/agents?limit=10', key: a.key });
    expect(list.json()).toEqual({ items: [agent], nextCursor: null });
    await expect(outbox(agent.agentId)).resolves.toEqual(['campaign.agent.created.v1']);
  });

  it('keeps an incomplete agent and names what it misses (C2); defaults apply', async () => {
    const a = await org();
    const res = await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: { name: 'Taslak' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ complete: false, missingFields: ['greetingMessage', 'systemInstruction', 'voice', 'language'], firstMessageMode: 'agent_first', responseTimeoutSeconds: 30, active: true });
    const waits = await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: { name: 'Bekler', firstMessageMode: 'wait_for_customer' } });
    expect(waits.json<{ missingFields: string[] }>().missingFields).toEqual(['systemInstruction', 'voice', 'language']);
  });

  it('updates some fields (null clears one), publishes campaign.agent.updated.v1, and deletes with campaign.agent.deleted.v1', async () => {
    const a = await org();
    const { agentId } = (await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: complete })).json<{ agentId: string }>();
    const patched = await gw.request({ method: 'PATCH', url: `/v1/agents/${agentId}`, key: a.supervisor, body: { active: false, voice: null, responseTimeoutSeconds: 60 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ active: false, complete: false, missingFields: ['voice'], responseTimeoutSeconds: 60, name: 'Randevu' });
    expect(patched.json()).not.toHaveProperty('voice');
    expect((await gw.request({ method: 'DELETE', url: `/v1/agents/${agentId}`, key: a.key })).statusCode).toBe(204);
    expectProblem(await gw.request({ method: 'GET', url: `/v1/agents/${agentId}`, key: a.key }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/agents/${agentId}`, key: a.key }), 404, 'NOT_FOUND');
    await expect(outbox(agentId)).resolves.toEqual(['campaign.agent.created.v1', 'campaign.agent.updated.v1', 'campaign.agent.deleted.v1']);
  });

  it('refuses each broken rule naming its field, and stores nothing', async () => {
    const a = await org();
    const create = (body: Record<string, unknown>) => gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: { name: 'X', ...body } });
    const refused = async (body: Record<string, unknown>) => fieldsOf(expectProblem(await create(body), 422, 'VALIDATION_FAILED'));
    await expect(refused({ systemInstruction: 'x'.repeat(2001) })).resolves.toEqual(['systemInstruction']);
    await expect(refused({ forwardingTargets: ['0555 123 45 67'] })).resolves.toEqual(['forwardingTargets']);
    await expect(refused({ forwardingTargets: ['sip:desk@-bad-.example'] })).resolves.toEqual(['forwardingTargets.0']);
    await expect(refused({ responseTimeoutSeconds: 4 })).resolves.toEqual(['responseTimeoutSeconds']);
    await expect(refused({ responseTimeoutSeconds: 121 })).resolves.toEqual(['responseTimeoutSeconds']);
    await expect(refused({ language: 'not a tag' })).resolves.toEqual(['language']);
    await expect(refused({ greetingMessage: 'Merhaba {{musteri_no}}' })).resolves.toEqual(['greetingMessage']);
    await expect(refused({ systemInstruction: 'Say {{name' })).resolves.toEqual(['systemInstruction']);
    await expect(refused({ voice: { model: 'v', speakingRate: 3 } })).resolves.toEqual(['voice.speakingRate']);
    const unknown = expectProblem(await create({ greetingMessage: 'Merhaba {{musteri_no}}' }), 422, 'VALIDATION_FAILED');
    expect(JSON.stringify(unknown.errors)).toContain('{{musteri_no}}');
    const rows: Array<{ n: number }> = await campaign.db.dataSource.query('SELECT count(*)::int AS n FROM agents WHERE organization_id = $1', [a.id]);
    expect(rows[0]!.n).toBe(0);
  });

  it("answers 404 for another organization's agent on every route", async () => {
    const [a, b] = [await org(), await org()];
    const { agentId } = (await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: complete })).json<{ agentId: string }>();
    expectProblem(await gw.request({ method: 'GET', url: `/v1/agents/${agentId}`, key: b.key }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/agents/${agentId}`, key: b.key, body: { name: 'Stolen' } }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/agents/${agentId}`, key: b.key }), 404, 'NOT_FOUND');
    expect((await gw.request({ method: 'GET', url: '/v1/agents', key: b.key })).json()).toEqual({ items: [], nextCursor: null });
    expectProblem(await gw.request({ method: 'GET', url: `/v1/agents/${MISSING}`, key: a.key }), 404, 'NOT_FOUND');
    expect((await gw.request({ method: 'GET', url: `/v1/agents/${agentId}`, key: a.key })).json()).toMatchObject({ name: 'Randevu' });
  });

  it('refuses an operator on every route (403), and lets a supervisor write', async () => {
    const a = await org();
    const { agentId } = (await gw.request({ method: 'POST', url: '/v1/agents', key: a.supervisor, body: complete })).json<{ agentId: string }>();
    expect(agentId).toEqual(expect.any(String));
    const routes = [
      { method: 'POST', url: '/v1/agents', body: complete },
      { method: 'GET', url: '/v1/agents' },
      { method: 'GET', url: `/v1/agents/${agentId}` },
      { method: 'PATCH', url: `/v1/agents/${agentId}`, body: { name: 'Y' } },
      { method: 'DELETE', url: `/v1/agents/${agentId}` },
    ] as const;
    for (const r of routes) expectProblem(await gw.request({ ...r, key: a.operator }), 403, 'FORBIDDEN');
    expect((await gw.request({ method: 'GET', url: `/v1/agents/${agentId}`, key: a.key })).json()).toMatchObject({ name: 'Randevu' });
  });

  it('pages the list newest first', async () => {
    const a = await org();
    for (const name of ['A', 'B', 'C']) await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: { name } });
    const first = (await gw.request({ method: 'GET', url: '/v1/agents?limit=2', key: a.key })).json<{ items: Array<{ name: string }>; nextCursor: string }>();
    expect(first.items.map((i) => i.name)).toEqual(['C', 'B']);
    const second = (await gw.request({ method: 'GET', url: `/v1/agents?limit=2&cursor=${first.nextCursor}`, key: a.key })).json<{ items: Array<{ name: string }>; nextCursor: null }>();
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'A' })], nextCursor: null });
    expectProblem(await gw.request({ method: 'GET', url: '/v1/agents?cursor=WyJ4Iiwibm9wZSJd', key: a.key }), 400, 'INVALID_CURSOR');
  });

  it('POST /v1/agents/{id}/test-call goes through the dialer and its E4 checks: incomplete → AGENT_INCOMPLETE, no caller number → FROM_NUMBER_NOT_FOUND; nothing queued; another organization\'s agent is 404, an operator 403', async () => {
    const a = await org();
    const b = await org();
    await dialer.knows(a.id);
    const testCall = (key: string, agentId: string, body: unknown = { to: '0555 123 45 05' }) => gw.request({ method: 'POST', url: `/v1/agents/${agentId}/test-call`, key, body });
    const incomplete = (await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: { name: 'Taslak' } })).json<{ agentId: string }>().agentId;
    const ready = (await gw.request({ method: 'POST', url: '/v1/agents', key: a.key, body: complete })).json<{ agentId: string }>().agentId;
    // The dialer learns the agents from campaign.agent.created.v1 (outbox → JetStream → its projection).
    const projected = (id: string) => dialer.db.dataSource.query('SELECT 1 FROM dialer_agents WHERE agent_id = $1', [id]).then((r: unknown[]) => r.length === 1);
    await waitFor(async () => (await projected(incomplete)) && (await projected(ready)), 20_000, 'the dialer knows both agents');
    const refusedIncomplete = expectProblem(await testCall(a.key, incomplete), 422, 'AGENT_INCOMPLETE');
    expect(JSON.stringify(refusedIncomplete)).toMatch(/greetingMessage/);
    expectProblem(await testCall(a.key, ready), 422, 'FROM_NUMBER_NOT_FOUND');
    expectProblem(await testCall(b.key, ready), 404, 'NOT_FOUND');
    expectProblem(await testCall(a.operator, ready), 403, 'FORBIDDEN');
    expectProblem(await testCall(a.key, ready, { to: '' }), 422, 'VALIDATION_FAILED');
    await expect(dialer.db.dataSource.query('SELECT count(*)::int AS n FROM call_tasks')).resolves.toEqual([{ n: 0 }]);
  });
});
