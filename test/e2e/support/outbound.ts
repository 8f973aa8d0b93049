import { randomUUID } from 'node:crypto';
import { createSantralClient, importContacts, ok, type SantralClient, type Schema } from '@santral/api-client';
import { CALL_END_STATUSES } from '@santral/contracts';
import type { Stack } from './stack';

// The steps every outbound scenario shares, through the gateway's HTTP API only.

export const SIGNING_SECRET = `whsec_${Buffer.from('e2e-outbound-loop-signing-secret').toString('base64')}`;

/** The typed client (generated from /openapi.json) with an organization's key, or the platform admin's. */
export function api(stack: Stack, key: string): SantralClient {
  return createSantralClient({ baseUrl: stack.baseUrl, apiKey: key });
}

/** The problem code and status of an answer that should have been refused. */
export async function refusal(call: Promise<{ error?: unknown; response: Response }>): Promise<{ status: number; code: string | undefined }> {
  const { error, response } = await call;
  return { status: response.status, code: (error as { code?: string } | undefined)?.code };
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

/** Fields with a server default that the generated request types still ask for. */
export const AGENT_DEFAULTS = { active: true, firstMessageMode: 'agent_first', responseTimeoutSeconds: 10 } as const;

export { ok };

export interface Org {
  id: string;
  key: string;
  api: SantralClient;
  agentId: string;
  accountId: string;
  hotline: string;
  zone: string;
}

/** A new organization (free plan) with a simulator account at a high time scale, a hotline and a complete agent. */
export async function newOrganization(stack: Stack, opts: { simulator?: Record<string, unknown>; name?: string } = {}): Promise<Org> {
  const created = await ok(api(stack, stack.adminKey).POST('/v1/organizations', { body: { name: opts.name ?? 'E2E Klinik', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' } }));
  const id = created.organization.id;
  const key = created.apiKey;
  const client = api(stack, key);
  const account = await ok(
    client.POST('/v1/provider-accounts', {
      body: { type: 'simulator', name: 'Sim', settings: { timeScale: 100, ringSeconds: { min: 1, max: 3 }, talkSeconds: { min: 30, max: 90 }, ...opts.simulator }, secrets: { apiKey: 'sk_e2e', signingSecret: SIGNING_SECRET } },
    }),
  );
  const hotline = '+902125550100';
  // The hotline goes to the dialer, which learns the organization from the gateway's event first.
  await until(stack, 'hotline accepted', async () => (await client.POST('/v1/hotlines', { body: { number: hotline, label: 'Ana hat', outboundAllowed: true } })).response.status === 201, 20_000);
  const agent = await until(stack, 'agent created', async () => {
    const a = await client.POST('/v1/agents', {
      body: { ...AGENT_DEFAULTS, name: 'Hatırlatma', greetingMessage: 'Merhaba {{name}}', systemInstruction: 'Kibar ol.', voice: { model: 'tr-TR-Wavenet-A', speakingRate: 1 }, language: 'tr-TR' },
    });
    return a.data;
  }, 20_000);
  return { id, key, api: client, agentId: agent.agentId, accountId: account.id, hotline, zone: middayZone() };
}

/** Credits from the platform admin (a bank transfer): posted at once. */
export async function grant(stack: Stack, organizationId: string, amount: number): Promise<void> {
  const admin = api(stack, stack.adminKey);
  await until(stack, `credit of ${amount}`, async () => (await admin.POST('/v1/billing/organizations/{id}/credits', { params: { path: { id: organizationId } }, body: { amount, note: 'e2e top-up' } })).response.status === 201, 20_000);
}

export type ImportJob = Schema<'ImportJobDto'>;

/** A call list from a CSV file (multipart upload), waited to its end. */
export async function importList(stack: Stack, org: Org, csv: string): Promise<{ listId: string; job: ImportJob }> {
  const list = await ok(org.api.POST('/v1/call-lists', { body: { name: `Liste ${randomUUID().slice(0, 8)}` } }));
  const queued = await ok(importContacts(org.api, list.id, { bytes: csv, filename: 'kisiler.csv' }));
  const job = await until(stack, `import ${queued.id}`, async () => {
    const j = await ok(org.api.GET('/v1/imports/{id}', { params: { path: { id: queued.id } } }));
    return j.state === 'completed' || j.state === 'failed' ? j : undefined;
  }, 60_000);
  return { listId: list.id, job };
}

export interface CampaignSpec {
  listId: string;
  callingWindows?: Array<{ start: string; end: string }>;
  retryPolicy?: Schema<'RetryPolicyDto'>;
  maxCallSeconds?: number;
}

export async function createCampaign(stack: Stack, org: Org, spec: CampaignSpec): Promise<string> {
  const hour = 3_600_000;
  const c = await ok(
    org.api.POST('/v1/campaigns', {
      body: {
        name: `Kampanya ${randomUUID().slice(0, 8)}`, agentId: org.agentId, callListId: spec.listId, fromNumber: org.hotline, providerAccountId: org.accountId,
        startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString(),
        callingWindows: spec.callingWindows ?? [{ start: '09:00', end: '19:00' }], ringTimeoutSeconds: 20,
        retryPolicy: spec.retryPolicy ?? { maxAttemptsPerContact: 1, rules: [] },
        ...(spec.maxCallSeconds ? { maxCallSeconds: spec.maxCallSeconds } : {}),
      },
    }),
  );
  return c.campaignId;
}

const path = (id: string) => ({ params: { path: { id } } });
export const campaignOf = (org: Org, id: string) => ok(org.api.GET('/v1/campaigns/{id}', path(id)));
export const progressOf = (org: Org, id: string) => ok(org.api.GET('/v1/campaigns/{id}/progress', path(id)));
export const diagnosticsOf = (org: Org, id: string) => ok(org.api.GET('/v1/campaigns/{id}/diagnostics', path(id)));
export const contactsOf = async (org: Org, id: string) => (await ok(org.api.GET('/v1/campaigns/{id}/contacts', { params: { path: { id }, query: { limit: 100 } } }))).items;
export const action = (org: Org, id: string, verb: 'start' | 'pause' | 'resume' | 'cancel') =>
  verb === 'start' ? org.api.POST('/v1/campaigns/{id}/start', { ...path(id), body: {} }) : org.api.POST(`/v1/campaigns/{id}/${verb}`, path(id));

/** Waits until the campaign is in `state`, showing the dialer's tasks on timeout. */
export async function campaignReaches(stack: Stack, org: Org, id: string, state: string, timeoutMs = 90_000): Promise<Schema<'CampaignDto'>> {
  return until(stack, `campaign ${id} ${state}`, async () => {
    const c = await campaignOf(org, id);
    return c.state === state ? c : undefined;
  }, timeoutMs, 300, async () => ({
    campaign: await campaignOf(org, id),
    progress: await progressOf(org, id),
    tasks: await stack.query('dialer-orchestrator', `SELECT state, outcome, outcome_reason, attempt, not_before FROM call_tasks WHERE campaign_id = $1`, [id]),
  }));
}

export type CallItem = Schema<'CallDto'>;

/** Every call of the organization (the call log, all pages). */
export async function callLog(org: Org, campaignId?: string): Promise<CallItem[]> {
  const all: CallItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(org.api.GET('/v1/calls', { params: { query: { limit: 100, ...(campaignId ? { campaignId } : {}), ...(cursor ? { cursor } : {}) } } }));
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export type LedgerEntry = Schema<'LedgerEntryDto'>;

export async function ledger(org: Org): Promise<LedgerEntry[]> {
  const all: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(org.api.GET('/v1/billing/ledger', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export type PricePlan = Schema<'PricePlanDto'>;

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

/**
 * The same from the stored transitions: each call from its first move to `dialing` to the first
 * move to a terminal state (a fact the state machine refused, `rejected:…`, does not count).
 */
export async function maxConcurrencyFromTransitions(stack: Stack, organizationId: string): Promise<number> {
  const rows = await stack.query<{ n: number; open: number }>(
    'dialer-orchestrator',
    `WITH spans AS (
       SELECT call_id,
              min(at) FILTER (WHERE to_state = 'dialing') AS s,
              min(at) FILTER (WHERE to_state = ANY($2::text[]) AND cause NOT LIKE 'rejected:%') AS e
         FROM call_transitions WHERE organization_id = $1 GROUP BY call_id
     ), edges AS (
       SELECT s AS at, 1 AS d FROM spans WHERE s IS NOT NULL
       UNION ALL SELECT coalesce(e, now()), -1 FROM spans WHERE s IS NOT NULL
     )
     SELECT coalesce(max(open), 0)::int AS n, (SELECT count(*)::int FROM spans WHERE s IS NOT NULL AND e IS NULL) AS open
       FROM (SELECT sum(d) OVER (ORDER BY at, d) AS open FROM edges) x`,
    [organizationId, [...CALL_END_STATUSES]],
  );
  if (rows[0]!.open > 0) throw new Error(`${rows[0]!.open} call(s) of ${organizationId} have no terminal transition`);
  return rows[0]!.n;
}

/** A CSV of contacts in one zone, one line per number as written. */
export function csvOf(zone: string, rows: Array<[name: string, phone: string]>): string {
  return ['Ad Soyad,Telefon,Saat Dilimi', ...rows.map(([n, p]) => `${n},${p},${zone}`)].join('\n');
}
