import { sealForTests } from '@santral/testing';
import { v4 as uuidv4 } from 'uuid';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { type GatewayHarness, postSimulatorWebhook, SIGNING_SECRET, startGateway } from './support/gateway-harness';

/** Webhook ingest rules (G2, DESIGN §6): verify first, dedupe, keep reordered facts, 4xx for bad input. */
describe('webhook ingest', () => {
  let h: GatewayHarness;
  let accountId: string;
  const post = (type: string, body: Record<string, unknown>, opts = {}) => postSimulatorWebhook(h.baseUrl, accountId, SIGNING_SECRET, type, body, opts);
  const snapshot = async () => ({ receipts: await h.count('webhook_receipts'), outbox: await h.count('outbox'), calls: await h.count('telephony_calls'), refs: await h.count('provider_call_refs') });
  const completed = (callId: string, sid: string, data: Record<string, unknown> = {}) => ({
    accountId, callSid: sid, clientRef: callId, timestamp: new Date().toISOString(),
    data: { direction: 'outbound', status: 'completed', hangupBy: 'customer', talkSeconds: 42, waitSeconds: 5, totalSeconds: 47, forwardedSeconds: 0, ...data },
  });

  beforeAll(async () => {
    h = await startGateway('tg_ingest');
    const account = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'simulator', name: 'Sim', settings: { timeScale: 60 }, sealedSecrets: sealForTests(h.orgId, { apiKey: 'sk_x', signingSecret: SIGNING_SECRET }),
    });
    accountId = account.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a replayed webhook answers 2xx and changes nothing', async () => {
    const callId = uuidv4();
    const body = { accountId, callSid: 'SCreplay1', clientRef: callId, timestamp: new Date().toISOString(), data: {} };
    const first = await post('call.ringing', body, { id: 'evt_replay_1' });
    expect(first).toEqual({ status: 200, body: '{"status":"accepted"}' });
    const before = await snapshot();
    const again = await post('call.ringing', body, { id: 'evt_replay_1' });
    expect(again).toEqual({ status: 200, body: '{"status":"duplicate"}' });
    await expect(snapshot()).resolves.toEqual(before);
    expect((await h.events(callId)).map((e) => e.type)).toEqual(['telephony.call.ringing.v1']);
  });

  it('out of order: a leg that ends after the call is kept; a second end does not end the call again', async () => {
    const callId = uuidv4();
    await expect(post('call.completed', completed(callId, 'SCorder1'))).resolves.toMatchObject({ status: 200 });
    const leg = { accountId, callSid: 'SCorder1', clientRef: callId, timestamp: new Date().toISOString(), data: { legId: 'L1', legType: 'customer', talkSeconds: 42, totalSeconds: 47 } };
    await expect(post('call.leg_ended', leg)).resolves.toMatchObject({ status: 200 });
    await expect(post('call.answered', { ...leg, data: { answeredBy: 'human' } })).resolves.toMatchObject({ status: 200 });
    await expect(post('call.completed', completed(callId, 'SCorder1', { status: 'failed', sipCause: 503 }))).resolves.toMatchObject({ status: 200 });
    const types = (await h.events(callId)).map((e) => e.type);
    expect(types).toEqual(['telephony.call.ended.v1', 'telephony.call.leg_ended.v1', 'telephony.call.answered.v1']);
    const [row] = await h.db.dataSource.query(`SELECT state, end_reason->>'reason' AS reason FROM telephony_calls WHERE call_id = $1`, [callId]);
    expect(row).toEqual({ state: 'ended', reason: 'customer_hung_up' });
  });

  it('webhooks are served ahead of Fastify yet keep its correlation id header; other requests still reach Fastify', async () => {
    const url = `${h.baseUrl}/webhooks/simulator/${accountId}/call.ringing`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-wh-1' }, body: '{}' });
    expect(res.status).toBe(401); // unsigned
    expect(res.headers.get('x-correlation-id')).toBe('corr-wh-1');
    const get = await fetch(url);
    expect(get.status).toBe(404); // GET is not a webhook route: Fastify answers
    expect(get.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('concurrent duplicates of one webhook store one receipt and one fact', async () => {
    const callId = uuidv4();
    const body = completed(callId, 'SCconc1');
    const results = await Promise.all(Array.from({ length: 20 }, () => post('call.completed', body, { id: 'evt_conc_1' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.includes('accepted'))).toHaveLength(1);
    expect((await h.events(callId)).map((e) => e.type)).toEqual(['telephony.call.ended.v1']);
  });

  it("a call id echoed by another organization's account is not attached to that call: no fact, no ref, the call unchanged", async () => {
    const theirOrg = uuidv4();
    const theirs = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: theirOrg, type: 'simulator', name: 'Theirs', settings: { timeScale: 60 }, sealedSecrets: sealForTests(theirOrg, { apiKey: 'sk_y', signingSecret: SIGNING_SECRET }),
    });
    const callId = uuidv4();
    const ringing = (acc: string, sid: string) => ({ accountId: acc, callSid: sid, clientRef: callId, timestamp: new Date().toISOString(), data: {} });
    await expect(postSimulatorWebhook(h.baseUrl, theirs.id, SIGNING_SECRET, 'call.ringing', ringing(theirs.id, 'SCtheirs1'))).resolves.toMatchObject({ status: 200 });
    const before = await h.db.dataSource.query(`SELECT organization_id, state, ended_at FROM telephony_calls WHERE call_id = $1`, [callId]);
    expect(before).toEqual([{ organization_id: theirOrg, state: 'ringing', ended_at: null }]);

    // Our account (another organization) echoes their call id: the receipt is kept, nothing else.
    await expect(post('call.answered', { ...ringing(accountId, 'SCmine1'), data: { answeredBy: 'human' } })).resolves.toEqual({ status: 200, body: '{"status":"accepted"}' });
    await expect(post('call.completed', { ...completed(callId, 'SCmine1'), accountId })).resolves.toEqual({ status: 200, body: '{"status":"accepted"}' });
    const events = await h.events(callId);
    expect(events.map((e) => [e.type, e.envelope.orgid])).toEqual([['telephony.call.ringing.v1', theirOrg]]);
    await expect(h.db.dataSource.query(`SELECT organization_id, state, ended_at FROM telephony_calls WHERE call_id = $1`, [callId])).resolves.toEqual(before);
    await expect(h.db.dataSource.query(`SELECT provider_account_id FROM provider_call_refs WHERE call_id = $1`, [callId])).resolves.toEqual([{ provider_account_id: theirs.id }]);
  });

  it('late facts: a replay of answered / recording / transcript for a call older than the receipt retention is stored, not published again', async () => {
    const callId = uuidv4();
    const base = { accountId, callSid: 'SClate1', clientRef: callId, timestamp: new Date().toISOString() };
    const facts: Array<[string, Record<string, unknown>]> = [
      ['call.answered', { answeredBy: 'human' }],
      ['recording.completed', { recordingSid: 'RElate1', url: 'https://rec.example.com/RElate1.wav', durationSeconds: 40 }],
      ['transcript.segment', { seq: 0, speaker: 'customer', text: 'merhaba', startMs: 0, endMs: 900 }],
      ['transcript.completed', { segmentCount: 1 }],
    ];
    for (const [type, data] of facts) await expect(post(type, { ...base, data })).resolves.toMatchObject({ status: 200 });
    await expect(post('call.completed', completed(callId, 'SClate1'))).resolves.toMatchObject({ status: 200 });
    const published = (await h.events(callId)).map((e) => e.type);
    expect(published).toHaveLength(5);

    // Days later (WEBHOOK_RETENTION_DAYS = 7): the receipts are pruned, and a captured webhook is replayed.
    await h.db.dataSource.query(`UPDATE telephony_calls SET created_at = now() - interval '8 days' WHERE call_id = $1`, [callId]);
    await h.db.dataSource.query(`DELETE FROM webhook_receipts WHERE payload LIKE $1`, [`%${callId}%`]);
    const receipts = await h.count('webhook_receipts');
    for (const [type, data] of facts) await expect(post(type, { ...base, data })).resolves.toEqual({ status: 200, body: '{"status":"accepted"}' });
    await expect(post('call.completed', completed(callId, 'SClate1'))).resolves.toMatchObject({ status: 200 });
    expect(await h.count('webhook_receipts')).toBe(receipts + facts.length + 1);
    expect((await h.events(callId)).map((e) => e.type)).toEqual(published);
  });

  describe('bad input: 4xx and nothing stored', () => {
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeEach(async () => {
      before = await snapshot();
    });
    afterEach(async () => {
      await expect(snapshot()).resolves.toEqual(before);
    });
    const body = () => completed(uuidv4(), 'SCbad1');

    it('forged signature → 401', async () => {
      await expect(post('call.completed', body(), { signature: 'v1,Zm9yZ2VkIHNpZ25hdHVyZSB0aGF0IGRvZXMgbm90IG1hdGNo' })).resolves.toMatchObject({ status: 401 });
    });
    it('signed with another secret → 401', async () => {
      const other = `whsec_${Buffer.from('another-secret-another-secret-12').toString('base64')}`;
      await expect(postSimulatorWebhook(h.baseUrl, accountId, other, 'call.completed', body())).resolves.toMatchObject({ status: 401 });
    });
    it('missing signature headers → 401', async () => {
      const res = await fetch(`${h.baseUrl}/webhooks/simulator/${accountId}/call.completed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
      expect(res.status).toBe(401);
    });
    it('stale timestamp → 401', async () => {
      const res = await post('call.completed', body(), { timestamp: new Date(Date.now() - 3600_000) });
      expect(res.status).toBe(401);
      expect(res.body).toContain('WEBHOOK_TIMESTAMP_STALE');
    });
    it('unknown provider account → 404', async () => {
      await expect(postSimulatorWebhook(h.baseUrl, uuidv4(), SIGNING_SECRET, 'call.completed', body())).resolves.toMatchObject({ status: 404 });
      const res = await fetch(`${h.baseUrl}/webhooks/simulator/not-a-uuid/call.completed`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    });
    it('provider in the path does not match the account → 404', async () => {
      const res = await fetch(`${h.baseUrl}/webhooks/twilio/${accountId}/status`, { method: 'POST', body: 'CallSid=CA1' });
      expect(res.status).toBe(404);
    });
    it('malformed JSON, wrong types, unknown event → 4xx', async () => {
      const wrong = body();
      (wrong.data as Record<string, unknown>).talkSeconds = 'forty';
      await expect(post('call.completed', wrong)).resolves.toMatchObject({ status: 400 });
      await expect(post('call.completed', { ...body(), callSid: 12 as unknown as string, data: [] })).resolves.toMatchObject({ status: 400 });
      await expect(post('call.exploded', body())).resolves.toMatchObject({ status: 400 });
      const id = 'evt_raw';
      const res = await postSimulatorWebhook(h.baseUrl, accountId, SIGNING_SECRET, 'call.completed', body(), { id });
      expect(res.status).toBe(200); // control: a good one is accepted…
      before = await snapshot(); // …and is not "bad input"
    });
    it('a 5 MB body → 413', async () => {
      const big = 'x'.repeat(5 * 1024 * 1024);
      const res = await fetch(`${h.baseUrl}/webhooks/simulator/${accountId}/call.completed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(res.status).toBe(413);
    });
  });
});
