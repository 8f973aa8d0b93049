import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, createTestDatabase, freePort, testEnv, type TestDatabase } from '@santral/testing';
import { ADMIN_KEY, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { dialerService } from '../apps/dialer-orchestrator/src/app.module';
import { summaryText } from '../scripts/demo/render';
import { GatewayUnreachableError, runDemo, type DemoSummary, type ProgressFrame } from '../scripts/demo/run-demo';
import { startBillingBeside, type BillingBeside } from './support/billing-beside';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';

// `npm run demo`'s core against the real gateway (over HTTP, through the generated client), with
// the real telephony-gateway and its simulator, dialer-orchestrator (billing-backed credit
// reservations), campaign and billing beside it: a small list, one attempt a contact (the retry
// matrix's shortest delay is a minute), the simulator fast. The summary must agree with what the
// API says on its own: answered calls, attempts, the ledger, and the prices of the talk.

let gw: Gateway;
let baseUrl: string;
let telephony: TelephonyBeside;
let dialer: { app: NestFastifyApplication; db: TestDatabase };
let campaign: CampaignBeside;
let billing: BillingBeside;

beforeAll(async () => {
  gw = await startGateway('gw_demo', { RPC_TIMEOUT_MS: '8000' });
  await gw.app.listen(0, '127.0.0.1');
  baseUrl = await gw.app.getUrl();
  telephony = await startTelephonyBeside(gw, 'tg_demo', { listen: true });
  // The dialer as npm start runs it (credits reserved through billing), with short watchdog periods
  // so a silent call is ended within seconds of its ring timeout.
  const db = await createTestDatabase({ prefix: 'dlr_demo', entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
  const config = dialerService.loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DB_SCHEMA: db.schema, NATS_URL: testEnv.natsUrl, SUBJECT_PREFIX: gw.subjectPrefix,
    CREDIT_RESERVATIONS: 'billing', WATCHDOG_INTERVAL_MS: '500', RING_TIMEOUT_GRACE_MS: '1000', DISPATCH_INTERVAL_MS: '200',
  });
  dialer = { app: await bootTestService(dialerService, config), db };
  campaign = await startCampaignBeside(gw, 'cmp_demo', { CAMPAIGN_JOB_INTERVAL_MS: '200' });
  billing = await startBillingBeside(gw, 'bil_demo');
}, 90_000);

afterAll(async () => {
  await telephony?.close();
  await campaign?.close();
  await dialer?.app.close().catch(() => undefined);
  await dialer?.db.cleanup();
  await billing?.close();
  await gw?.close();
});

/** GET with an API key through the test gateway (not the client: an independent reading). */
async function get<T>(url: string, key: string): Promise<T> {
  const res = await gw.request({ method: 'GET', url, key });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function pages<T>(url: string, key: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await get(`${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, key);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('npm run demo against the services', () => {
  const CONTACTS = 12;
  let summary: DemoSummary;
  const frames: ProgressFrame[] = [];
  const steps: string[] = [];

  beforeAll(async () => {
    summary = await runDemo({
      baseUrl,
      adminKey: ADMIN_KEY,
      contacts: CONTACTS,
      timeScale: 200,
      maxAttempts: 1,
      ringTimeoutSeconds: 5,
      pollMs: 250,
      reporter: { step: (s) => steps.push(s), progress: (f) => frames.push(f), endProgress: () => undefined },
    });
  }, 60_000);

  it('builds the whole campaign through the API and runs it to completion', () => {
    expect(summary).toMatchObject({ campaignState: 'completed', completionReason: 'all_contacts_done', interrupted: false });
    expect(summary.import).toEqual({ accepted: CONTACTS, rejected: 3, duplicates: 1 });
    expect(steps.map((s) => s.split(' ')[0])).toEqual(['organization', 'credits:', 'telephony:', 'AI', 'call', 'campaign', 'started;']);
    expect(steps[4]).toMatch(/^call list: 12 contacts in .*; 3 rows rejected \(1 duplicate, 2 invalid\)$/);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.at(-1)).toMatchObject({ state: 'completed', done: CONTACTS, contacts: CONTACTS });
    // The bar only moves forward.
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.done).toBeGreaterThanOrEqual(frames[i - 1]!.done);
  });

  it('reports the calls answered, the attempts and the outcomes as the call log and the contacts have them', async () => {
    const calls = await pages<{ state: string; talkSeconds?: number; endReason?: { reason: string } }>(`/v1/calls?campaignId=${summary.campaignId}`, summary.apiKey);
    const contacts = await pages<{ phone: string; state: string; attempts: number }>(`/v1/campaigns/${summary.campaignId}/contacts`, summary.apiKey);
    expect(contacts).toHaveLength(CONTACTS);
    expect(summary.calls).toBe(calls.length);
    expect(summary.calls).toBe(contacts.reduce((n, c) => n + c.attempts, 0));
    // The simulator answers …0005 and nothing else among the demo's endings.
    const willAnswer = contacts.filter((c) => c.phone.endsWith('0005')).length;
    expect(willAnswer).toBeGreaterThan(0);
    expect(summary.answered).toBe(willAnswer);
    expect(calls.filter((c) => c.state === 'ended')).toHaveLength(willAnswer);
    expect(summary.contacts).toMatchObject({ total: CONTACTS, succeeded: willAnswer, pending: 0, inProgress: 0, retryScheduled: 0 });
    expect(summary.asr).toBeCloseTo(willAnswer / calls.length, 6);
    expect(summary.outcomes.reduce((n, o) => n + o.calls, 0)).toBe(calls.length);
    expect(summary.outcomes.find((o) => o.outcome === 'busy · busy')?.calls).toBe(contacts.filter((c) => c.phone.endsWith('0001')).length);
    const progress = await get<{ averageTalkSeconds: number | null; costSoFar: number }>(`/v1/campaigns/${summary.campaignId}/progress`, summary.apiKey);
    // The campaign rounds its mean to a tenth of a second.
    expect(Math.abs(summary.averageTalkSeconds! - progress.averageTalkSeconds!)).toBeLessThanOrEqual(0.05);
  });

  it('costs what the ledger posted, which is the priced talk of the answered calls, and holds nothing after', async () => {
    const posts = await pages<{ balanceDelta: number; campaignId?: string }>('/v1/billing/ledger?kind=post', summary.apiKey);
    const ledger = Math.round(posts.filter((p) => p.campaignId === summary.campaignId).reduce((s, p) => s - p.balanceDelta, 0) * 10_000) / 10_000;
    expect(summary.cost).toBe(ledger);
    expect(summary.ledgerCost).toBe(ledger);
    // The default plan: 0.10 credit a minute, per second, at least 60 s; unconnected attempts free.
    const plan = await get<{ ratePerMinute: number; incrementSeconds: number; firstIncrementSeconds: number; unconnectedAttemptCharge: number }>('/v1/billing/price-plan', summary.apiKey);
    expect(plan).toMatchObject({ incrementSeconds: 1, unconnectedAttemptCharge: 0 });
    const calls = await pages<{ state: string; talkSeconds?: number }>(`/v1/calls?campaignId=${summary.campaignId}`, summary.apiKey);
    const unitsPerMinute = plan.ratePerMinute * 10_000;
    const priced = calls.filter((c) => c.state === 'ended').reduce((units, c) => units + Math.ceil((Math.max(c.talkSeconds ?? 0, plan.firstIncrementSeconds) * unitsPerMinute) / 60), 0) / 10_000;
    expect(summary.cost).toBeCloseTo(priced, 4);
    expect(summary.cost).toBeGreaterThan(0);
    const balance = await get<{ balance: number; reserved: number }>('/v1/billing/balance', summary.apiKey);
    expect(balance.reserved).toBe(0);
    expect(summary.credits).toEqual({ toppedUp: summary.credits.toppedUp, balance: balance.balance, reserved: 0 });
    expect(balance.balance).toBeCloseTo(summary.credits.toppedUp - summary.cost, 4);
  });

  it('prints a summary table with the figures and the URLs to look further', () => {
    const text = summaryText(summary, { baseUrl, asyncApiFile: '/repo/libs/contracts/asyncapi.json' });
    expect(text).toContain(`Campaign ${summary.campaignId}: completed (all_contacts_done)`);
    expect(text).toMatch(new RegExp(`answered\\s+${summary.answered}\\n`));
    expect(text).toContain(`${baseUrl}/docs`);
    expect(text).toContain('/repo/libs/contracts/asyncapi.json');
    expect(text).toContain("(= the ledger's posted calls)");
  });
});

describe('npm run demo without a gateway', () => {
  it('fails at once with the URL that did not answer', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await runDemo({ baseUrl: closed, adminKey: ADMIN_KEY, contacts: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayUnreachableError);
    expect((error as Error).message).toBe(`the gateway does not answer at ${closed} (ECONNREFUSED)`);
  });

  it('says which key to pass when the admin key is refused', async () => {
    await expect(runDemo({ baseUrl, adminKey: 'not-the-admin-key-0123456789', contacts: 5 })).rejects.toThrow(/refused the admin key .* --admin-key or SANTRAL_ADMIN_KEY/);
  });
});
