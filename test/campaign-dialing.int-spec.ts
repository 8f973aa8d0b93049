import type { NatsConnection } from '@nats-io/nats-core';
import { Rpc } from '@santral/contracts';
import { connectNats, encodeJson } from '@santral/messaging';
import { testEnv, waitFor } from '@santral/testing';
import { startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';

// The whole outbound flow (DESIGN §3) with the telephony simulator: a campaign starts, the dialer
// dials its contacts through the telephony-gateway and the simulator, and the campaign's progress
// follows the dialer's events to completion. Billing is a NATS stand-in answering the balance query.
const SIGNING_SECRET = `whsec_${Buffer.from('campaign-dialing-test-secret-012').toString('base64')}`;

/** A zone where it is about midday now, so the 09:00–19:00 window is open. */
function middayZone(now = new Date()): string {
  for (let n = -14; n <= 12; n++) {
    const zone = n === 0 ? 'Etc/GMT' : `Etc/GMT${n > 0 ? '+' : ''}${n}`;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (hour >= 12 && hour <= 14) return zone;
  }
  throw new Error('no midday zone');
}

describe('a campaign dialled through the dialer and the telephony simulator', () => {
  let gw: Gateway;
  let telephony: TelephonyBeside;
  let dialer: DialerBeside;
  let campaign: CampaignBeside;
  let nc: NatsConnection;

  beforeAll(async () => {
    gw = await startGateway('gw_cmpdial', { RPC_TIMEOUT_MS: '8000' });
    telephony = await startTelephonyBeside(gw, 'tg_cmpdial', { listen: true });
    dialer = await startDialerBeside(gw, 'dlr_cmpdial');
    campaign = await startCampaignBeside(gw, 'cmp_cmpdial', { CAMPAIGN_JOB_INTERVAL_MS: '200', IMPORT_WORKERS: '0' });
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'campaign-dialing-test' });
    nc.subscribe(`${gw.subjectPrefix}.${Rpc.Billing.BalanceGet}`, {
      callback: (_e, msg) => {
        const { organizationId } = JSON.parse(new TextDecoder().decode(msg.data)) as { organizationId: string };
        msg.respond(encodeJson({ ok: true, data: { organizationId, balance: 100, reserved: 0, available: 100, minCreditsToStart: 5 } }));
      },
    });
  }, 90_000);

  afterAll(async () => {
    await nc?.close();
    await campaign?.close();
    await dialer?.close();
    await telephony?.close();
    await gw?.close();
  });

  it('dials every contact (answered, busy, no answer) and completes with the counts (D4)', async () => {
    const o = await gw.createOrg();
    await campaign.knows(o.id);
    await dialer.knows(o.id);
    const made = async (url: string, body: unknown) => {
      const res = await gw.request({ method: 'POST', url, key: o.key, body });
      if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json<Record<string, string>>();
    };
    const account = await made('/v1/provider-accounts', { type: 'simulator', name: 'Sim', settings: { timeScale: 60 }, secrets: { apiKey: 'sk_cmp', signingSecret: SIGNING_SECRET } });
    const hotline = await made('/v1/hotlines', { number: '+902125551212', label: 'Main line' });
    const agent = await made('/v1/agents', { name: 'Hatırlatma', greetingMessage: 'Merhaba {{name}}', systemInstruction: 'Kibar ol.', voice: { model: 'tr-TR-Wavenet-A', speakingRate: 1 }, language: 'tr-TR' });
    const list = await made('/v1/call-lists', { name: 'Üç kişi' });
    const zone = middayZone();
    // The simulator decides by the last four digits: 0005 answered, 0001 busy, 0002 no answer.
    await campaign.db.dataSource.query(
      `INSERT INTO contacts (id, organization_id, call_list_id, import_id, line, phone, name, time_zone)
       SELECT gen_random_uuid(), $1, $2, gen_random_uuid(), n, p, 'Kişi ' || n, $3 FROM unnest($4::text[]) WITH ORDINALITY AS t(p, n)`,
      [o.id, list.id, zone, ['+905321230005', '+905321230001', '+905321230002']],
    );
    const hour = 3_600_000;
    const created = await made('/v1/campaigns', {
      name: 'Simülatör', agentId: agent.agentId, callListId: list.id, fromNumber: hotline.number, providerAccountId: account.id,
      startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
      callingWindows: [{ start: '09:00', end: '19:00' }], ringTimeoutSeconds: 20,
      retryPolicy: { maxAttemptsPerContact: 1, rules: [] },
    });
    const id = created.campaignId!;
    expect((await gw.request({ method: 'POST', url: `/v1/campaigns/${id}/start`, key: o.key, body: {} })).statusCode).toBe(200);
    const progress = async () => (await gw.request({ method: 'GET', url: `/v1/campaigns/${id}/progress`, key: o.key })).json<{ state: string; totals: Record<string, number>; calls: number; averageTalkSeconds: number | null; successRate: number | null }>();
    await waitFor(async () => (await progress()).state === 'completed', 90_000, 'the campaign completes', 250).catch(async (e: Error) => {
      const tasks = await dialer.db.dataSource.query(`SELECT state, outcome, outcome_reason, attempt FROM call_tasks WHERE campaign_id = $1`, [id]);
      throw new Error(`${e.message}: progress ${JSON.stringify(await progress())}, the dialer's tasks ${JSON.stringify(tasks)}`);
    });
    const done = await progress();
    expect(done.totals).toMatchObject({ pending: 0, inProgress: 0, retryScheduled: 0, succeeded: 1 });
    expect(done.totals.failed + done.totals.exhausted).toBe(2);
    expect(done.calls).toBe(3);
    expect(done.successRate).toBeCloseTo(1 / 3, 3);
    expect(done.averageTalkSeconds).toBeGreaterThan(0);
    const campaignRow = (await gw.request({ method: 'GET', url: `/v1/campaigns/${id}`, key: o.key })).json<Record<string, unknown>>();
    expect(campaignRow).toMatchObject({ state: 'completed', completionReason: 'all_contacts_done' });
    const contacts = (await gw.request({ method: 'GET', url: `/v1/campaigns/${id}/contacts`, key: o.key })).json<{ items: Array<{ phone: string; state: string; attempts: number; lastCallId: string | null }> }>();
    const byPhone = Object.fromEntries(contacts.items.map((c) => [c.phone, c]));
    expect(byPhone['+905321230005']).toMatchObject({ state: 'succeeded', attempts: 1, lastCallId: expect.any(String) });
    expect(byPhone['+905321230001']!.state).not.toBe('succeeded');
  }, 150_000);
});
