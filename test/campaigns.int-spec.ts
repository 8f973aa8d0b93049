import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { Rpc, Subjects } from '@santral/contracts';
import { buildEnvelope, connectNats, encodeJson } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import { bootTestService, testEnv, waitFor } from '@santral/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { campaignService } from '../apps/campaign/src/app.module';
import { ReleaseContactsUseCase } from '../apps/campaign/src/campaigns/release-contacts.use-case';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { organizationKnownTo, type RoleOrg } from './support/beside';

// /v1/campaigns end to end: the real api-gateway → the real campaign service → the real dialer
// (which stores the call tasks and keeps its view of each campaign). Billing is being built beside
// this: a small stand-in answers rpc.billing.balance.get on NATS (a real responder, not a mocked
// port), and the test publishes billing.* and dialer.* facts on JetStream as those services would.
const MISSING = '0190ffff-0000-7000-8000-000000000000';

/** A zone where it is the middle of the night now, so the dialer dispatches nothing while we look. */
function nightZone(now = new Date()): string {
  for (let n = -14; n <= 12; n++) {
    const zone = n === 0 ? 'Etc/GMT' : `Etc/GMT${n > 0 ? '+' : ''}${n}`;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (hour >= 1 && hour <= 5) return zone;
  }
  throw new Error('no night zone');
}

type Org = RoleOrg;

describe('campaigns: api-gateway → campaign service → dialer-orchestrator', () => {
  let gw: Gateway;
  let campaign: CampaignBeside;
  let campaignApp: NestFastifyApplication;
  let dialer: DialerBeside;
  let nc: NatsConnection;
  const balances = new Map<string, { available: number; minCreditsToStart: number }>();
  const ENV = { CAMPAIGN_RELEASE_CHUNK: '700', CAMPAIGN_JOB_INTERVAL_MS: '200', IMPORT_WORKERS: '0' };

  beforeAll(async () => {
    gw = await startGateway('gw_campaigns', { RPC_TIMEOUT_MS: '8000' });
    campaign = await startCampaignBeside(gw, 'cmp_campaigns', ENV);
    campaignApp = campaign.app;
    dialer = await startDialerBeside(gw, 'dlr_campaigns');
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'campaigns-test' });
    // Billing stand-in: answers the balance query the way billing's contract says.
    nc.subscribe(`${gw.subjectPrefix}.${Rpc.Billing.BalanceGet}`, {
      callback: (_e, msg) => {
        const { organizationId } = JSON.parse(new TextDecoder().decode(msg.data)) as { organizationId: string };
        const b = balances.get(organizationId) ?? { available: 100, minCreditsToStart: 5 };
        msg.respond(encodeJson({ ok: true, data: { organizationId, balance: b.available, reserved: 0, available: b.available, minCreditsToStart: b.minCreditsToStart } }));
      },
    });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await campaignApp?.close().catch(() => undefined);
    await campaign?.db.cleanup();
    await dialer?.close();
    await gw?.close();
  });

  const org = (): Promise<Org> => organizationKnownTo(gw, campaign, dialer);

  const completeAgent = { name: 'Hatırlatma', greetingMessage: 'Merhaba {{name}}, {{sehir}} şubemizden arıyoruz.', systemInstruction: 'Kibar ol.', voice: { model: 'tr-TR-Wavenet-A', speakingRate: 1 }, language: 'tr-TR', variables: ['sehir'] };

  async function agent(o: Org, body: Record<string, unknown> = completeAgent): Promise<string> {
    const res = await gw.request({ method: 'POST', url: '/v1/agents', key: o.key, body });
    expect(res.statusCode).toBe(201);
    return res.json<{ agentId: string }>().agentId;
  }

  /** A call list with `n` contacts written straight into the campaign service's table (what an import leaves). */
  async function callList(o: Org, n: number, zone = nightZone()): Promise<string> {
    const res = await gw.request({ method: 'POST', url: '/v1/call-lists', key: o.key, body: { name: `Liste ${n}` } });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    if (n > 0) {
      await campaign.db.dataSource.query(
        `INSERT INTO contacts (id, organization_id, call_list_id, import_id, line, phone, name, time_zone, variables)
         SELECT gen_random_uuid(), $1, $2, gen_random_uuid(), i, '+90532' || lpad(i::text, 7, '0'), 'Kişi ' || i, $4, '{"sehir":"Ankara"}'::jsonb FROM generate_series(1, $3) i`,
        [o.id, id, n, zone],
      );
    }
    return id;
  }

  const hour = 3_600_000;
  async function draft(o: Org, contacts = 3, over: Record<string, unknown> = {}) {
    const body = { name: 'Kasım', agentId: await agent(o), callListId: await callList(o, contacts), startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 48 * hour).toISOString(), ...over };
    const res = await gw.request({ method: 'POST', url: '/v1/campaigns', key: o.key, body });
    expect(res.statusCode).toBe(201);
    return res.json<{ campaignId: string; callListId: string; agentId: string }>();
  }

  const post = (o: Org, id: string, action: string, body?: unknown, key = o.key) => gw.request({ method: 'POST', url: `/v1/campaigns/${id}/${action}`, key, body: body ?? {} });
  const tasks = (campaignId: string) => dialer.db.dataSource.query(`SELECT contact_id, state FROM call_tasks WHERE campaign_id = $1`, [campaignId]) as Promise<Array<{ contact_id: string; state: string }>>;
  const dialerView = async (campaignId: string) => ((await dialer.db.dataSource.query(`SELECT view FROM dialer_campaigns WHERE campaign_id = $1`, [campaignId])) as Array<{ view: { state: string; pauseReason: string | null; dialPlan: { callingWindows: unknown[]; callsPerHour?: number } | null } }>)[0]?.view ?? null;
  const outboxTypes = async (campaignId: string) =>
    ((await campaign.db.dataSource.query(`SELECT envelope->>'type' AS type FROM outbox WHERE envelope->>'subject' = $1 ORDER BY seq`, [campaignId])) as Array<{ type: string }>).map((r) => r.type);
  const batchSizes = async (campaignId: string) =>
    ((await campaign.db.dataSource.query(`SELECT json_array_length(envelope->'data'->'contacts') AS n FROM outbox WHERE envelope->>'subject' = $1 AND envelope->>'type' = $2 ORDER BY seq`, [campaignId, Subjects.Campaign.CallRequested])) as Array<{ n: number }>).map((r) => r.n);
  const get = async (o: Org, id: string, path = '') => (await gw.request({ method: 'GET', url: `/v1/campaigns/${id}${path}`, key: o.key })).json<Record<string, unknown>>();

  /** Publishes an event on JetStream as its producer's outbox relay would. */
  async function publish(type: string, data: Record<string, unknown>, opts: { id?: string; time?: string } = {}) {
    const env = buildEnvelope({ type, data, orgid: data.organizationId as string, subject: (data.campaignId ?? data.organizationId) as string, ...(opts.id ? { id: opts.id } : {}), ...(opts.time ? { time: opts.time } : {}) }, 'santral/test');
    await jetstream(nc).publish(`${gw.subjectPrefix}.${type}`, encodeJson(env), { msgID: `${env.id}-${Math.random()}` });
    return env.id;
  }

  it('creates, reads, lists and edits a draft (D1); bad settings are named field errors and nothing is written', async () => {
    const o = await org();
    const c = await draft(o);
    const got = await get(o, c.campaignId);
    expect(got).toMatchObject({ state: 'draft', callingWindows: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:00' }], requestedContacts: 0 });
    const list = (await gw.request({ method: 'GET', url: '/v1/campaigns?limit=10', key: o.supervisor })).json<{ items: unknown[] }>();
    expect(list.items).toEqual([got]);
    const bad = await gw.request({ method: 'PATCH', url: `/v1/campaigns/${c.campaignId}`, key: o.key, body: { callingWindows: [{ start: '12:00', end: '10:00' }, { start: '08:30', end: '12:00', days: ['mon'] }], endsAt: '2020-01-01T00:00:00Z' } });
    expect((expectProblem(bad, 422, 'VALIDATION_FAILED').errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['endsAt', 'callingWindows.0.end', 'callingWindows.1.start']);
    const wire = await gw.request({ method: 'POST', url: '/v1/campaigns', key: o.key, body: { name: 'x', agentId: c.agentId, callListId: c.callListId, startsAt: 'yesterday', endsAt: new Date().toISOString(), callingWindows: [{ start: '9:00', end: '25:00' }] } });
    expect((expectProblem(wire, 422, 'VALIDATION_FAILED').errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['callingWindows.0.end', 'callingWindows.0.start', 'startsAt']);
    expect(await get(o, c.campaignId)).toEqual(got);
    const other = await org();
    const foreign = await gw.request({ method: 'POST', url: '/v1/campaigns', key: other.key, body: { name: 'x', agentId: c.agentId, callListId: c.callListId, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + hour).toISOString() } });
    expectProblem(foreign, 404, 'CAMPAIGN_AGENT_NOT_FOUND');
    await expect(outboxTypes(c.campaignId)).resolves.toEqual([]);
  });

  it('runs every start check in order with its named error (D3); nothing starts', async () => {
    const o = await org();
    const inactive = await draft(o);
    await gw.request({ method: 'PATCH', url: `/v1/agents/${inactive.agentId}`, key: o.key, body: { active: false, voice: null } });
    expectProblem(await post(o, inactive.campaignId, 'start'), 422, 'AGENT_INACTIVE');
    await gw.request({ method: 'PATCH', url: `/v1/agents/${inactive.agentId}`, key: o.key, body: { active: true } });
    expect(expectProblem(await post(o, inactive.campaignId, 'start'), 422, 'AGENT_INCOMPLETE')).toMatchObject({ missingFields: ['voice'] });
    await gw.request({ method: 'PATCH', url: `/v1/agents/${inactive.agentId}`, key: o.key, body: { voice: completeAgent.voice, greetingMessage: 'Merhaba {{plaka}}', variables: ['sehir', 'plaka'] } });
    expect(expectProblem(await post(o, inactive.campaignId, 'start'), 422, 'CAMPAIGN_UNKNOWN_VARIABLE')).toMatchObject({ variables: ['plaka'] });
    const empty = await draft(o, 0);
    expectProblem(await post(o, empty.campaignId, 'start'), 422, 'CAMPAIGN_LIST_EMPTY');
    const over = await draft(o, 2, { startsAt: new Date(Date.now() - 3 * hour).toISOString(), endsAt: new Date(Date.now() + 2_000).toISOString() });
    await new Promise((r) => setTimeout(r, 2_100));
    const ended = await post(o, over.campaignId, 'start');
    // The end-date job may complete it first: either way it does not start.
    expect([422, 409]).toContain(ended.statusCode);
    expect(['CAMPAIGN_SCHEDULE_OVER', 'CAMPAIGN_INVALID_STATE']).toContain(ended.json<{ code: string }>().code);
    const poor = await draft(o);
    balances.set(o.id, { available: 2, minCreditsToStart: 5 });
    expect(expectProblem(await post(o, poor.campaignId, 'start'), 402, 'INSUFFICIENT_CREDITS')).toMatchObject({ available: 2, minCreditsToStart: 5 });
    balances.delete(o.id);
    for (const id of [inactive.campaignId, empty.campaignId, poor.campaignId]) expect((await get(o, id)).state).toBe('draft');
    await expect(outboxTypes(poor.campaignId)).resolves.toEqual([]);
  });

  it('starts: the dialer stores one task per contact and dials the plan; pause stops it, resume restarts it; edit while active changes its plan; cancel ends it', async () => {
    const o = await org();
    const c = await draft(o, 1500);
    const started = await post(o, c.campaignId, 'start', {}, o.supervisor);
    expect(started.statusCode).toBe(200);
    expect(started.json()).toEqual({ campaignId: c.campaignId, state: 'active' });
    await waitFor(async () => (await tasks(c.campaignId)).length === 1500, 30_000, 'the dialer stores 1500 tasks');
    await waitFor(async () => (await dialerView(c.campaignId))?.state === 'active', 10_000, 'dialer sees it active');
    const types = await outboxTypes(c.campaignId);
    expect(types[0]).toBe('campaign.campaign.started.v1');
    // Chunks of 700 (CAMPAIGN_RELEASE_CHUNK) in events of at most 500 contacts: 500+200, 500+200, 100.
    await expect(batchSizes(c.campaignId)).resolves.toEqual([500, 200, 500, 200, 100]);
    expect(await get(o, c.campaignId, '/progress')).toMatchObject({ requested: 1500, listContacts: 1500, totals: { pending: 1500 } });

    expect((await post(o, c.campaignId, 'pause')).json()).toEqual({ campaignId: c.campaignId, state: 'paused' });
    await waitFor(async () => (await dialerView(c.campaignId))?.state === 'paused', 10_000, 'dialer stops');
    expect((await dialerView(c.campaignId))!.pauseReason).toBe('manual');
    expect((await get(o, c.campaignId, '/diagnostics')).sentences).toEqual(['paused by hand; resume it to continue']);
    expectProblem(await post(o, c.campaignId, 'pause'), 409, 'CAMPAIGN_INVALID_STATE');
    expect((await post(o, c.campaignId, 'resume')).json()).toEqual({ campaignId: c.campaignId, state: 'active' });
    await waitFor(async () => (await dialerView(c.campaignId))?.state === 'active', 10_000, 'dialer resumes');

    const windows = [{ start: '10:00', end: '11:30', days: ['mon', 'tue'] }];
    const edited = await gw.request({ method: 'PATCH', url: `/v1/campaigns/${c.campaignId}`, key: o.key, body: { callingWindows: windows, callsPerHour: 120 } });
    expect(edited.statusCode).toBe(200);
    await waitFor(async () => (await dialerView(c.campaignId))?.dialPlan?.callsPerHour === 120, 10_000, "dialer's plan changes");
    expect((await dialerView(c.campaignId))!.dialPlan!.callingWindows).toEqual(windows);
    // The campaign's own reasons joined with the dialer's answer (rpc.dialer.campaign.diagnostics).
    const diagnosis = await waitFor(async () => {
      const d = await get(o, c.campaignId, '/diagnostics');
      return (d.reasons as Array<{ code: string }>).some((r) => r.code === 'outside_window') ? d : undefined;
    }, 10_000, "the dialer's diagnosis");
    expect(diagnosis).toMatchObject({ state: 'active', dialerAnswered: true });
    expect((diagnosis.reasons as Array<{ code: string }>).map((r) => r.code)).toEqual(expect.arrayContaining(['outside_calling_hours', 'outside_window']));

    expect((await post(o, c.campaignId, 'cancel')).json()).toEqual({ campaignId: c.campaignId, state: 'cancelled' });
    await waitFor(async () => (await dialerView(c.campaignId))?.state === 'cancelled', 10_000, 'dialer cancels');
    expect(await get(o, c.campaignId, '/progress')).toMatchObject({ totals: { cancelled: 1500, pending: 0 } });
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/campaigns/${c.campaignId}`, key: o.key, body: { name: 'again' } }), 409, 'CAMPAIGN_NOT_EDITABLE');
    expect(await outboxTypes(c.campaignId)).toEqual([
      'campaign.campaign.started.v1', ...Array(5).fill('campaign.call.requested.v1'), 'campaign.campaign.paused.v1', 'campaign.campaign.resumed.v1', 'campaign.campaign.updated.v1', 'campaign.campaign.cancelled.v1',
    ]);
  }, 90_000);

  it('a sample requests the first N contacts only (D6); a later start without it requests the rest', async () => {
    const o = await org();
    const c = await draft(o, 40);
    expect((await post(o, c.campaignId, 'start', { sampleSize: 10 })).statusCode).toBe(200);
    await waitFor(async () => (await tasks(c.campaignId)).length === 10, 20_000, 'ten tasks');
    expect((await get(o, c.campaignId)).sampleSize).toBe(10);
    await post(o, c.campaignId, 'pause');
    expect((await post(o, c.campaignId, 'start')).statusCode).toBe(200);
    await waitFor(async () => (await tasks(c.campaignId)).length === 40, 20_000, 'all forty tasks');
    expect(new Set((await tasks(c.campaignId)).map((t) => t.contact_id)).size).toBe(40);
  }, 60_000);

  it('billing.balance.exhausted.v1 pauses every active campaign of that organization with insufficient_credits; only a manual resume restarts (H3)', async () => {
    const o = await org();
    const other = await org();
    const a = await draft(o);
    const b = await draft(o);
    const elsewhere = await draft(other);
    for (const [who, c] of [[o, a], [o, b], [other, elsewhere]] as const) expect((await post(who, c.campaignId, 'start')).statusCode).toBe(200);
    balances.set(o.id, { available: 0, minCreditsToStart: 5 });
    const id = await publish(Subjects.Billing.BalanceExhausted, { organizationId: o.id, balance: 0, minCreditsToStart: 5 });
    await publish(Subjects.Billing.BalanceExhausted, { organizationId: o.id, balance: 0, minCreditsToStart: 5 }, { id }); // redelivered
    await waitFor(async () => (await get(o, a.campaignId)).state === 'paused' && (await get(o, b.campaignId)).state === 'paused', 15_000, 'both paused');
    expect(await get(o, a.campaignId)).toMatchObject({ pauseReason: 'insufficient_credits' });
    await waitFor(async () => (await dialerView(a.campaignId))?.pauseReason === 'insufficient_credits', 10_000, 'dialer stops');
    expect((await get(other, elsewhere.campaignId)).state).toBe('active');
    expect((await outboxTypes(a.campaignId)).filter((t) => t === 'campaign.campaign.paused.v1')).toHaveLength(1);
    expect((await get(o, a.campaignId, '/diagnostics')).sentences).toEqual(['paused because the organization ran out of credits; top up, then resume it']);
    expectProblem(await post(o, a.campaignId, 'resume'), 402, 'INSUFFICIENT_CREDITS');
    balances.delete(o.id);
    expect((await post(o, a.campaignId, 'resume')).json()).toEqual({ campaignId: a.campaignId, state: 'active' });
    expect((await get(o, b.campaignId)).state).toBe('paused');
  }, 60_000);

  it('progress from dialer and billing facts, duplicated and out of order; completes when every contact is final (D4)', async () => {
    const o = await org();
    const c = await draft(o, 2);
    await post(o, c.campaignId, 'start');
    await waitFor(async () => (await tasks(c.campaignId)).length === 2, 20_000, 'two tasks');
    const [x, y] = ((await campaign.db.dataSource.query(`SELECT contact_id FROM campaign_contacts WHERE campaign_id = $1 ORDER BY contact_id`, [c.campaignId])) as Array<{ contact_id: string }>).map((r) => r.contact_id) as [string, string];
    const ref = { organizationId: o.id, campaignId: c.campaignId, kind: 'campaign' };
    const call = (contactId: string, callId: string, attempt: number) => ({ organizationId: o.id, callId, attempt, direction: 'outbound', kind: 'campaign', to: '+905320000001', campaignId: c.campaignId, contactId });
    const CALL_1 = '0190e000-0000-7000-8000-000000000101';
    const CALL_2 = '0190e000-0000-7000-8000-000000000102';
    // y: finished before its dialling arrives, and the finish twice.
    const fin = await publish(Subjects.Dialer.TaskFinished, { ...ref, taskId: MISSING, contactId: y, outcome: 'exhausted', attempts: 3, lastCallId: CALL_2 });
    await publish(Subjects.Dialer.TaskFinished, { ...ref, taskId: MISSING, contactId: y, outcome: 'exhausted', attempts: 3, lastCallId: CALL_2 }, { id: fin });
    await publish(Subjects.Dialer.CallDialing, { ...call(y, CALL_2, 3), state: 'dialing', providerAccountId: MISSING });
    // x: a retry of attempt 2 arrives before the dialling of attempt 1.
    await publish(Subjects.Dialer.TaskRetryScheduled, { ...ref, taskId: MISSING, contactId: x, disposition: 'no_answer', nextAttempt: 2, notBefore: new Date().toISOString(), lastCallId: CALL_1 });
    await publish(Subjects.Dialer.CallDialing, { ...call(x, CALL_1, 1), state: 'dialing', providerAccountId: MISSING });
    const ended = { ...call(x, CALL_1, 1), state: 'ended', endReason: { status: 'ended', reason: 'completed', fault: 'none', billable: true }, talkSeconds: 42, waitSeconds: 5, totalSeconds: 47, forwardedSeconds: 0, answeredAt: new Date().toISOString() };
    await publish(Subjects.Dialer.CallEnded, ended);
    await publish(Subjects.Dialer.CallEnded, ended);
    const settled = { organizationId: o.id, reservationId: '0190e000-0000-7000-8000-000000000201', callId: CALL_1, ledgerEntryId: '0190e000-0000-7000-8000-000000000301', reservedAmount: 2, chargedAmount: 1.5, talkSeconds: 42, forwardedSeconds: 0, balanceAfter: 98.5, campaignId: c.campaignId };
    await publish(Subjects.Billing.CreditsSettled, settled);
    await publish(Subjects.Billing.CreditsSettled, settled);
    await waitFor(async () => {
      const p = await get(o, c.campaignId, '/progress');
      return (p.totals as Record<string, number>).retryScheduled === 1 && (p.totals as Record<string, number>).exhausted === 1 && p.costSoFar === 1.5 && p.calls === 1;
    }, 15_000, 'progress applied');
    expect(await get(o, c.campaignId, '/progress')).toMatchObject({ averageTalkSeconds: 42, successRate: 0, state: 'active' });
    const page = (await gw.request({ method: 'GET', url: `/v1/campaigns/${c.campaignId}/contacts?limit=1`, key: o.key })).json<{ items: Array<{ contactId: string; state: string; attempts: number }>; nextCursor: string }>();
    expect(page.items).toEqual([expect.objectContaining({ contactId: x, state: 'retry_scheduled', attempts: 1 })]);
    const next = (await gw.request({ method: 'GET', url: `/v1/campaigns/${c.campaignId}/contacts?limit=1&cursor=${page.nextCursor}`, key: o.key })).json<{ items: Array<{ contactId: string; state: string }> }>();
    expect(next.items).toEqual([expect.objectContaining({ contactId: y, state: 'exhausted' })]);
    await publish(Subjects.Dialer.TaskFinished, { ...ref, taskId: MISSING, contactId: x, outcome: 'succeeded', attempts: 2, lastCallId: CALL_1 });
    await waitFor(async () => (await get(o, c.campaignId)).state === 'completed', 15_000, 'completed');
    expect(await get(o, c.campaignId)).toMatchObject({ completionReason: 'all_contacts_done' });
    const completed = (await campaign.db.dataSource.query(`SELECT envelope->'data' AS data FROM outbox WHERE envelope->>'subject' = $1 AND envelope->>'type' = $2`, [c.campaignId, Subjects.Campaign.CampaignCompleted])) as Array<{ data: unknown }>;
    expect(completed).toEqual([{ data: { organizationId: o.id, campaignId: c.campaignId, reason: 'all_contacts_done', counts: { contacts: 2, succeeded: 1, failed: 0, exhausted: 1, blocked: 0, cancelled: 0 } } }]);
    await waitFor(async () => (await dialerView(c.campaignId))?.state === 'completed', 10_000, 'dialer sees it completed');
  }, 60_000);

  it('past its end date an active campaign completes with end_date_reached', async () => {
    const o = await org();
    const c = await draft(o, 2, { endsAt: new Date(Date.now() + 4_000).toISOString() });
    expect((await post(o, c.campaignId, 'start')).statusCode).toBe(200);
    await waitFor(async () => (await get(o, c.campaignId)).state === 'completed', 20_000, 'completed at the end date');
    expect(await get(o, c.campaignId)).toMatchObject({ completionReason: 'end_date_reached', pauseReason: null });
    await waitFor(async () => (await dialerView(c.campaignId))?.state === 'completed', 10_000, 'dialer sees it completed');
  }, 40_000);

  it("answers 404 for another organization's campaign on every {id} route, and 403 to an operator on every route", async () => {
    const o = await org();
    const stranger = await org();
    const c = await draft(o);
    const routes: Array<{ method: 'GET' | 'POST' | 'PATCH'; url: string; body?: unknown }> = [
      { method: 'GET', url: `/v1/campaigns/${c.campaignId}` },
      { method: 'PATCH', url: `/v1/campaigns/${c.campaignId}`, body: { name: 'x' } },
      ...['start', 'pause', 'resume', 'cancel'].map((a) => ({ method: 'POST' as const, url: `/v1/campaigns/${c.campaignId}/${a}`, body: {} })),
      ...['progress', 'contacts', 'diagnostics'].map((a) => ({ method: 'GET' as const, url: `/v1/campaigns/${c.campaignId}/${a}` })),
    ];
    for (const r of routes) expectProblem(await gw.request({ ...r, key: stranger.key }), 404, 'NOT_FOUND');
    for (const r of [...routes, { method: 'GET' as const, url: '/v1/campaigns' }, { method: 'POST' as const, url: '/v1/campaigns', body: { name: 'x', agentId: c.agentId, callListId: c.callListId, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + hour).toISOString() } }]) {
      expectProblem(await gw.request({ ...r, key: o.operator }), 403, 'FORBIDDEN');
    }
    expectProblem(await gw.request({ method: 'GET', url: `/v1/campaigns/${MISSING}`, key: o.key }), 404, 'NOT_FOUND');
    expect((await get(o, c.campaignId)).state).toBe('draft');
  });

  // Last: it restarts the campaign service.
  it('a start of thousands of contacts survives a restart in the middle: the release resumes at its cursor, each contact requested once', async () => {
    const o = await org();
    const c = await draft(o, 3000);
    // Stop the background job so the release can be driven by hand up to the "crash".
    await campaignApp.close();
    const config = (job: string) => campaignService.loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: campaign.db.url, DB_SCHEMA: campaign.db.schema, NATS_URL: testEnv.natsUrl, SUBJECT_PREFIX: gw.subjectPrefix, ...ENV, CAMPAIGN_JOB_INTERVAL_MS: job });
    campaignApp = await bootTestService(campaignService, config('0'));
    expect((await post(o, c.campaignId, 'start')).statusCode).toBe(200);
    const release = campaignApp.get(ReleaseContactsUseCase);
    await expect(release.execute(asOrgId(o.id), c.campaignId, 700)).resolves.toBe(true);
    await expect(release.execute(asOrgId(o.id), c.campaignId, 700)).resolves.toBe(true);
    expect((await get(o, c.campaignId)).requestedContacts).toBe(1400);
    await campaignApp.close(); // the "crash" between two chunks
    campaignApp = await bootTestService(campaignService, config('200'));
    await waitFor(async () => (await get(o, c.campaignId)).requestedContacts === 3000, 30_000, 'the rest requested after the restart');
    await waitFor(async () => (await tasks(c.campaignId)).length === 3000, 30_000, 'the dialer stores 3000 tasks');
    const requested = (await campaign.db.dataSource.query(
      `SELECT json_array_elements(envelope->'data'->'contacts')->>'contactId' AS id FROM outbox WHERE envelope->>'subject' = $1 AND envelope->>'type' = $2`,
      [c.campaignId, Subjects.Campaign.CallRequested],
    )) as Array<{ id: string }>;
    expect(requested).toHaveLength(3000);
    expect(new Set(requested.map((r) => r.id)).size).toBe(3000);
    const [{ n }] = (await campaign.db.dataSource.query(`SELECT count(*)::int AS n FROM campaign_contacts WHERE campaign_id = $1 AND state = 'pending'`, [c.campaignId])) as Array<{ n: number }>;
    expect(n).toBe(3000);
  }, 120_000);
});
