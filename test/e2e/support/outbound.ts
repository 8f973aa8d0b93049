import { randomUUID } from 'node:crypto';
import { multipartBody } from '../../support/multipart';
import type { Stack } from './stack';

// The steps every outbound scenario shares, through the gateway's HTTP API only.

export const SIGNING_SECRET = `whsec_${Buffer.from('e2e-outbound-loop-signing-secret').toString('base64')}`;

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** One HTTP request to the gateway. */
export async function http<T = Record<string, unknown>>(stack: Stack, method: string, path: string, opts: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let payload: string | undefined;
  if (opts.body !== undefined) {
    payload = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${stack.baseUrl}${path}`, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T };
}

/** The answer's body when its status is the expected one; else an error with the body. */
export async function ok<T = Record<string, unknown>>(answer: Promise<Answer<T>>, status = 200, what = 'request'): Promise<T> {
  const a = await answer;
  if (a.status !== status) throw new Error(`${what}: expected ${status}, got ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
}

/** Polls until `probe` gives a truthy value; on timeout the error carries the last value and the stack's log tail. */
export async function until<T>(stack: Stack, what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, intervalMs = 250, explain?: () => Promise<unknown>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const more = explain ? JSON.stringify(await explain().catch((e) => String(e))) : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)}) ${more}\nlog ${stack.logFile}:\n${stack.logTail(40)}`);
}

/** A zone where it is now between 11:00 and 15:00, so a 09:00–19:00 window is open for a while. */
export function middayZone(now = new Date()): string {
  for (const n of [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -8, 8, -9, 9, -10, 10, -11, 11, -12, 12, -13, -14]) {
    const zone = n === 0 ? 'Etc/GMT' : `Etc/GMT${n > 0 ? '+' : ''}${n}`;
    const hour = localHour(zone, now);
    if (hour >= 11 && hour <= 14) return zone;
  }
  throw new Error('no midday zone');
}

export function localHour(zone: string, now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

export interface Org {
  id: string;
  key: string;
  agentId: string;
  accountId: string;
  hotline: string;
  zone: string;
}

/** A new organization (free plan) with a simulator account at a high time scale, a hotline and a complete agent. */
export async function newOrganization(stack: Stack, opts: { credits?: number; simulator?: Record<string, unknown>; name?: string } = {}): Promise<Org> {
  const created = await ok<{ organization: { id: string; limits: Record<string, number> }; apiKey: string }>(
    http(stack, 'POST', '/v1/organizations', { key: stack.adminKey, body: { name: opts.name ?? 'E2E Klinik', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' } }),
    201,
    'organization',
  );
  const id = created.organization.id;
  const key = created.apiKey;
  if (opts.credits) await grant(stack, id, opts.credits);
  const account = await ok<{ id: string }>(
    http(stack, 'POST', '/v1/provider-accounts', {
      key,
      body: { type: 'simulator', name: 'Sim', settings: { timeScale: 100, ringSeconds: { min: 1, max: 3 }, talkSeconds: { min: 30, max: 90 }, ...opts.simulator }, secrets: { apiKey: 'sk_e2e', signingSecret: SIGNING_SECRET } },
    }),
    201,
    'provider account',
  );
  const hotline = '+902125550100';
  // The hotline goes to the dialer, which learns the organization from the gateway's event first.
  await until(stack, 'hotline accepted', async () => (await http(stack, 'POST', '/v1/hotlines', { key, body: { number: hotline, label: 'Ana hat' } })).status === 201, 20_000);
  const agent = await until(stack, 'agent created', async () => {
    const a = await http<{ agentId: string }>(stack, 'POST', '/v1/agents', {
      key,
      body: { name: 'Hatırlatma', greetingMessage: 'Merhaba {{name}}', systemInstruction: 'Kibar ol.', voice: { model: 'tr-TR-Wavenet-A', speakingRate: 1 }, language: 'tr-TR' },
    });
    return a.status === 201 ? a.body : undefined;
  }, 20_000);
  return { id, key, agentId: agent.agentId, accountId: account.id, hotline, zone: middayZone() };
}

/** Credits from the platform admin (a bank transfer): posted at once. */
export async function grant(stack: Stack, organizationId: string, amount: number): Promise<void> {
  await until(stack, `credit of ${amount}`, async () => (await http(stack, 'POST', `/v1/billing/organizations/${organizationId}/credits`, { key: stack.adminKey, body: { amount, note: 'e2e top-up' } })).status === 201, 20_000);
}

export interface ImportJob {
  id: string;
  state: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  onDnc: number;
  errorCode: string | null;
}

/** A call list from a CSV file (multipart upload), waited to its end. */
export async function importList(stack: Stack, org: Org, csv: string): Promise<{ listId: string; job: ImportJob }> {
  const list = await ok<{ id: string }>(http(stack, 'POST', '/v1/call-lists', { key: org.key, body: { name: `Liste ${randomUUID().slice(0, 8)}` } }), 201, 'call list');
  const { payload, contentType } = multipartBody({ bytes: csv, name: 'kisiler.csv' });
  const res = await fetch(`${stack.baseUrl}/v1/call-lists/${list.id}/imports`, { method: 'POST', headers: { authorization: `Bearer ${org.key}`, 'content-type': contentType }, body: payload });
  if (res.status !== 202) throw new Error(`import: ${res.status} ${await res.text()}`);
  const queued = (await res.json()) as ImportJob;
  const job = await until(stack, `import ${queued.id}`, async () => {
    const j = (await http<ImportJob>(stack, 'GET', `/v1/imports/${queued.id}`, { key: org.key })).body;
    return j.state === 'completed' || j.state === 'failed' ? j : undefined;
  }, 60_000);
  return { listId: list.id, job };
}

export interface CampaignSpec {
  listId: string;
  callingWindows?: Array<{ start: string; end: string; days?: string[] }>;
  retryPolicy?: { maxAttemptsPerContact: number; rules: Array<{ disposition: string; delayMinutes: number; maxAttempts: number }> };
  maxCallSeconds?: number;
}

export async function createCampaign(stack: Stack, org: Org, spec: CampaignSpec): Promise<string> {
  const hour = 3_600_000;
  const c = await ok<{ campaignId: string }>(
    http(stack, 'POST', '/v1/campaigns', {
      key: org.key,
      body: {
        name: `Kampanya ${randomUUID().slice(0, 8)}`, agentId: org.agentId, callListId: spec.listId, fromNumber: org.hotline, providerAccountId: org.accountId,
        startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
        callingWindows: spec.callingWindows ?? [{ start: '09:00', end: '19:00' }], ringTimeoutSeconds: 20,
        retryPolicy: spec.retryPolicy ?? { maxAttemptsPerContact: 1, rules: [] },
        ...(spec.maxCallSeconds ? { maxCallSeconds: spec.maxCallSeconds } : {}),
      },
    }),
    201,
    'campaign',
  );
  return c.campaignId;
}

export interface Progress {
  state: string;
  listContacts: number;
  requested: number;
  totals: Record<string, number>;
  calls: number;
  averageTalkSeconds: number | null;
  successRate: number | null;
  costSoFar: number;
}

export interface CampaignView {
  state: string;
  pauseReason: string | null;
  completionReason: string | null;
}

export const campaignOf = async (stack: Stack, org: Org, id: string) => (await http<CampaignView>(stack, 'GET', `/v1/campaigns/${id}`, { key: org.key })).body;
export const progressOf = async (stack: Stack, org: Org, id: string) => (await http<Progress>(stack, 'GET', `/v1/campaigns/${id}/progress`, { key: org.key })).body;
export const diagnosticsOf = async (stack: Stack, org: Org, id: string) =>
  (await http<{ state: string; sentences: string[]; reasons: Array<{ code: string; message: string }>; dialerAnswered: boolean }>(stack, 'GET', `/v1/campaigns/${id}/diagnostics`, { key: org.key })).body;
export const action = (stack: Stack, org: Org, id: string, verb: 'start' | 'pause' | 'resume' | 'cancel') => http(stack, 'POST', `/v1/campaigns/${id}/${verb}`, { key: org.key, body: {} });

/** Waits until the campaign is in `state`, showing the dialer's tasks on timeout. */
export async function campaignReaches(stack: Stack, org: Org, id: string, state: string, timeoutMs = 90_000): Promise<CampaignView> {
  return until(stack, `campaign ${id} ${state}`, async () => {
    const c = await campaignOf(stack, org, id);
    return c.state === state ? c : undefined;
  }, timeoutMs, 300, async () => ({
    campaign: await campaignOf(stack, org, id),
    progress: await progressOf(stack, org, id),
    tasks: await stack.query('dialer-orchestrator', `SELECT state, outcome, outcome_reason, attempt, not_before FROM call_tasks WHERE campaign_id = $1`, [id]),
  }));
}

export interface CallItem {
  callId: string;
  kind: string;
  state: string;
  attempt: number;
  to: string;
  campaignId?: string;
  talkSeconds?: number;
  endReason?: { status: string; reason?: string };
  createdAt: string;
  endedAt?: string;
}

/** Every call of the organization (the call log, all pages). */
export async function callLog(stack: Stack, org: Org, query = ''): Promise<CallItem[]> {
  const all: CallItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: CallItem[]; nextCursor: string | null } = (await http<{ items: CallItem[]; nextCursor: string | null }>(stack, 'GET', `/v1/calls?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`, { key: org.key })).body;
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export interface LedgerEntry {
  id: string;
  kind: string;
  amount: number;
  balanceDelta: number;
  reservedDelta: number;
  reservationId?: string;
  callId?: string;
  campaignId?: string;
}

export async function ledger(stack: Stack, org: Org): Promise<LedgerEntry[]> {
  const all: LedgerEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: LedgerEntry[]; nextCursor: string | null } = (await http<{ items: LedgerEntry[]; nextCursor: string | null }>(stack, 'GET', `/v1/billing/ledger?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { key: org.key })).body;
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export interface PricePlan {
  ratePerMinute: number;
  incrementSeconds: number;
  firstIncrementSeconds: number;
  unconnectedAttemptCharge: number;
  countryRates: Array<{ country: string; ratePerMinute: number }>;
}

/** What the price plan charges for a call of `talkSeconds` (H2), in ten-thousandths of a credit. */
export function pricedUnits(plan: PricePlan, talkSeconds: number, country = 'TR'): number {
  const rate = Math.round((plan.countryRates.find((r) => r.country === country)?.ratePerMinute ?? plan.ratePerMinute) * 10_000);
  if (talkSeconds <= 0) return Math.round(plan.unconnectedAttemptCharge * 10_000);
  const inc = plan.incrementSeconds;
  const talk = Math.max(Math.ceil(talkSeconds / inc) * inc, Math.ceil(plan.firstIncrementSeconds / inc) * inc, inc);
  return Math.ceil((talk * rate) / 60);
}

/** The most calls of the organization that overlapped in time (the dialer's calls: created → ended). */
export async function maxConcurrency(stack: Stack, organizationId: string): Promise<number> {
  const rows = await stack.query<{ n: number }>(
    'dialer-orchestrator',
    `WITH edges AS (
       SELECT created_at AS at, 1 AS d FROM calls WHERE organization_id = $1
       UNION ALL SELECT coalesce(ended_at, now()), -1 FROM calls WHERE organization_id = $1
     )
     SELECT coalesce(max(open), 0)::int AS n FROM (SELECT sum(d) OVER (ORDER BY at, d) AS open FROM edges) s`,
    [organizationId],
  );
  return rows[0]!.n;
}

/** A CSV of contacts in one zone, one line per number as written. */
export function csvOf(zone: string, rows: Array<[name: string, phone: string]>): string {
  return ['Ad Soyad,Telefon,Saat Dilimi', ...rows.map(([n, p]) => `${n},${p},${zone}`)].join('\n');
}
