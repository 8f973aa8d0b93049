// The demo's steps, through the generated API client only (libs/api-client): a demo organization,
// credits, a simulator account, a caller number, an AI agent, a call list imported from a generated
// CSV, a campaign with windows and a retry matrix, its start, its progress, and a summary that is
// checked against the API's own figures. `main.ts` is the command line around it.
import { randomBytes } from 'node:crypto';
import { createSantralClient, idempotencyKey, importContacts, ok, SantralApiError, type SantralClient, type Schema } from '@santral/api-client';
import { CALLING_WINDOW, contactsCsv, demoContacts, expectedImport, localTime, openRegions, type DemoContact } from './contacts';

export interface DemoOptions {
  baseUrl: string;
  adminKey: string;
  /** How many contacts the list gets (the CSV also has a few rows the import rejects). */
  contacts: number;
  /** The simulator's speed: 30 → thirty simulated seconds per real second. */
  timeScale?: number;
  /** Minutes before a busy, unanswered or failed contact is called again (the retry matrix). */
  retryMinutes?: number;
  /** Attempts per contact, the first call included (default 2: one retry). */
  maxAttempts?: number;
  /** How long a call rings before it is no_answer (the campaign's ring timeout, 5–300 s). */
  ringTimeoutSeconds?: number;
  /** The organization's plan (business: 50 concurrent calls). */
  plan?: Schema<'CreateOrganizationDto'>['plan'];
  /** Shuffles the outcome mix and the names. */
  seed?: number;
  pollMs?: number;
  /** How long one request may take. */
  requestTimeoutMs?: number;
  /** Aborted (Ctrl-C): the campaign is cancelled and the summary says so. */
  signal?: AbortSignal;
  /** Where the steps and the live progress go. */
  reporter?: DemoReporter;
  now?: () => Date;
}

export interface ProgressFrame {
  state: Schema<'CampaignProgressDto'>['state'];
  contacts: number;
  /** Contacts in a final state. */
  done: number;
  dialled: number;
  answered: number;
  failed: number;
  retrying: number;
  inProgress: number;
  credits: number;
  cost: number;
  elapsedMs: number;
  /** Why nothing is dialled, when the campaign has stood still for a while (diagnostics). */
  waiting?: string;
}

export interface DemoReporter {
  step(text: string): void;
  progress(frame: ProgressFrame): void;
  /** The live display is over (before the summary is printed). */
  endProgress(): void;
}

export interface OutcomeRow {
  /** The call's end state and reason, e.g. `ended · customer_hung_up`, `busy · busy`. */
  outcome: string;
  calls: number;
  share: number;
}

export interface DemoSummary {
  organizationId: string;
  apiKey: string;
  campaignId: string;
  campaignState: string;
  completionReason: string | null;
  pauseReason: string | null;
  interrupted: boolean;
  regions: Array<{ zone: string; city: string; localTime: string; contacts: number }>;
  import: { accepted: number; rejected: number; duplicates: number };
  contacts: Schema<'CampaignTotalsDto'> & { total: number };
  calls: number;
  answered: number;
  /** Answer-seizure ratio: answered calls ÷ calls that ended. */
  asr: number | null;
  averageTalkSeconds: number | null;
  outcomes: OutcomeRow[];
  /** Credits the campaign cost, from its progress. */
  cost: number;
  /** The same from the ledger: the posted amounts of the campaign's calls. */
  ledgerCost: number;
  currency: string;
  credits: { toppedUp: number; balance: number; reserved: number };
  startedAt: string;
  elapsedMs: number;
}

/** The gateway did not answer (refused, unreachable or too slow). */
export class GatewayUnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    cause: unknown,
  ) {
    const why = describeNetworkError(cause);
    super(`the gateway does not answer at ${baseUrl} (${why})`);
    this.name = 'GatewayUnreachableError';
  }
}

function describeNetworkError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'no answer in time';
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

const silent: DemoReporter = { step: () => undefined, progress: () => undefined, endProgress: () => undefined };
const FINAL_STATES = new Set(['completed', 'cancelled']);
const STILL_FOR_DIAGNOSTICS_MS = 8_000;

/** A fetch for the client: a timeout per request, Ctrl-C aborts it, and a network failure says which gateway did not answer. */
function gatewayFetch(baseUrl: string, timeoutMs: number, signal?: AbortSignal): (request: Request) => Promise<Response> {
  return async (request) => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
    try {
      return await fetch(request, { signal: AbortSignal.any(signals) });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new GatewayUnreachableError(baseUrl, e);
    }
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** How often a read of the live progress is tried again when the API answers 5xx or not at all in time. */
const TRANSIENT_TRIES = 6;

/**
 * A read that may fail for a moment (a service restarting, its database out of connections): tried
 * again with a growing pause, each failure told to `onRetry`; anything else, or the last failure, is thrown.
 */
export async function transient<T>(read: () => Promise<T>, onRetry: (why: string) => void, signal?: AbortSignal, pauseMs = 500): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (e) {
      const passing = (e instanceof SantralApiError && e.status >= 500) || (e instanceof GatewayUnreachableError && !signal?.aborted);
      if (!passing || attempt >= TRANSIENT_TRIES) throw e;
      onRetry(`${(e as Error).message}; trying again (${attempt}/${TRANSIENT_TRIES - 1})`);
      await sleep(pauseMs * attempt, signal);
    }
  }
}

/** Every item of a cursor-paginated list. */
async function all<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    items.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** Credits enough for every contact tried twice at a few minutes, and the holds of the concurrent calls. */
function creditsFor(contacts: number, plan: Schema<'PricePlanDto'>, slots: number, maxCallSeconds: number): number {
  const perMinute = Math.max(plan.ratePerMinute, ...plan.countryRates.map((r) => r.ratePerMinute)) + plan.forwardingRatePerMinute;
  const calls = contacts * 2 * (plan.ratePerMinute * 4 + plan.unconnectedAttemptCharge);
  const holds = slots * perMinute * (maxCallSeconds / 60);
  return Math.ceil(100 + calls + holds);
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const report = options.reporter ?? silent;
  const now = options.now ?? (() => new Date());
  const timeScale = options.timeScale ?? 30;
  const retryMinutes = options.retryMinutes ?? 1;
  const maxAttempts = options.maxAttempts ?? 2;
  const pollMs = options.pollMs ?? 1000;
  const signal = options.signal;
  const fetch = gatewayFetch(options.baseUrl, options.requestTimeoutMs ?? 15_000, signal);
  const admin = createSantralClient({ baseUrl: options.baseUrl, apiKey: options.adminKey, fetch });
  const maxCallSeconds = 300;
  const started = Date.now();

  // The organization, with the platform admin key: its first API key drives the rest.
  const stamp = now().toISOString().slice(0, 16).replace('T', ' ');
  const created = await ok(
    admin.POST('/v1/organizations', {
      params: { header: idempotencyKey() },
      body: { name: `Santral demo ${stamp}`, defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: options.plan ?? 'business' },
    }),
  ).catch((e: unknown) => {
    if (e instanceof SantralApiError && (e.status === 401 || e.status === 403)) {
      throw new Error(`the gateway refused the admin key (${e.code ?? e.status}): pass the one \`npm start\` printed ("admin key: …") with --admin-key or SANTRAL_ADMIN_KEY`);
    }
    throw e;
  });
  const org = created.organization;
  const api = createSantralClient({ baseUrl: options.baseUrl, apiKey: created.apiKey, fetch });
  // Reads of the running campaign, and what follows Ctrl-C (cancel, summary), are not aborted by it.
  const steady = createSantralClient({ baseUrl: options.baseUrl, apiKey: created.apiKey, fetch: gatewayFetch(options.baseUrl, options.requestTimeoutMs ?? 15_000) });
  report.step(`organization "${org.name}" (${org.id}), plan ${org.plan}: ${org.limits.concurrentSlots} concurrent calls, ${org.limits.callsPerHour} calls/hour; its API key ${created.apiKey}`);

  // Credits: the platform admin's manual top-up (no payment provider needed).
  const pricePlan = await ok(api.GET('/v1/billing/price-plan'));
  const amount = creditsFor(options.contacts, pricePlan, org.limits.concurrentSlots, maxCallSeconds);
  const topUp = await ok(
    admin.POST('/v1/billing/organizations/{id}/credits', { params: { path: { id: org.id }, header: idempotencyKey() }, body: { amount, note: 'npm run demo' } }),
  );
  const balance = await ok(api.GET('/v1/billing/balance'));
  report.step(`credits: ${topUp.amount} ${topUp.currency} added by the admin (${topUp.state}); balance ${balance.available} (price ${pricePlan.ratePerMinute}/min, billed per ${pricePlan.incrementSeconds} s)`);

  // The simulated telephony provider, fast, and a caller number.
  const signingSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const account = await ok(
    api.POST('/v1/provider-accounts', {
      params: { header: idempotencyKey() },
      body: { type: 'simulator', name: 'Demo simulator', settings: { timeScale }, secrets: { apiKey: `sk_demo_${randomBytes(8).toString('hex')}`, signingSecret } },
    }),
  );
  const hotlines = await ok(api.GET('/v1/hotlines'));
  const hotline =
    hotlines.items.find((h) => h.outboundAllowed) ??
    (await ok(api.POST('/v1/hotlines', { params: { header: idempotencyKey() }, body: { number: '+902125551212', label: 'Demo line' } })));
  report.step(`telephony: simulator account ${account.id} at ${timeScale}× speed; caller number ${hotline.number}`);

  const agent = await ok(
    api.POST('/v1/agents', {
      params: { header: idempotencyKey() },
      body: {
        name: 'Appointment reminder',
        greetingMessage: 'Hello {{name}}, this is a reminder of your appointment tomorrow.',
        systemInstruction: 'Confirm the appointment politely; offer to move it if the time does not suit.',
        voice: { model: 'en-US-Neural2-F', speakingRate: 1 },
        language: 'en-US',
      },
    }),
  );
  report.step(`AI agent "${agent.name}" (${agent.agentId})${agent.complete ? '' : `, incomplete: ${agent.missingFields.join(', ')}`}`);

  // The call list: a CSV in the zones whose window is open now, imported like any upload.
  const regions = openRegions(now());
  const contacts = demoContacts(options.contacts, regions, options.seed ?? 1);
  const list = await ok(api.POST('/v1/call-lists', { body: { name: `Demo list ${stamp}` } }));
  const job = await ok(importContacts(api, list.id, { bytes: contactsCsv(contacts), filename: 'demo-contacts.csv' }));
  let imported = job;
  while (imported.state === 'queued' || imported.state === 'running') {
    await sleep(300, signal);
    if (signal?.aborted) throw new Error('interrupted while the list was importing');
    imported = await ok(api.GET('/v1/imports/{id}', { params: { path: { id: job.id } } }));
  }
  if (imported.state !== 'completed') throw new Error(`the import failed: ${imported.errorCode}: ${imported.errorMessage}`);
  const expected = expectedImport(contacts);
  const regionRows = regions
    .map((r) => ({ zone: r.zone, city: r.city, localTime: localTime(r.zone, now()), contacts: contacts.filter((c: DemoContact) => c.timeZone === r.zone).length }))
    .filter((r) => r.contacts > 0);
  report.step(
    `call list: ${imported.accepted} contacts in ${regionRows.map((r) => `${r.city} (${r.localTime})`).join(', ')}; ` +
      `${imported.rejected} rows rejected (${imported.duplicates} duplicate${imported.duplicates === 1 ? '' : 's'}, ${imported.rejected - imported.duplicates} invalid)` +
      (imported.accepted !== expected.accepted ? ` — expected ${expected.accepted} accepted` : ''),
  );

  // The campaign: windows open now in those zones, a retry matrix, a bound on call length (the credit hold).
  const hour = 3_600_000;
  const campaignBody = {
    name: `Demo campaign ${stamp}`,
    agentId: agent.agentId,
    callListId: list.id,
    fromNumber: hotline.number,
    providerAccountId: account.id,
    startsAt: new Date(now().getTime() - 60_000).toISOString(),
    endsAt: new Date(now().getTime() + 24 * hour).toISOString(),
    callingWindows: [{ ...CALLING_WINDOW }],
    defaultTimeZone: 'Europe/Istanbul',
    ringTimeoutSeconds: options.ringTimeoutSeconds ?? 20,
    maxCallSeconds,
    retryPolicy: {
      maxAttemptsPerContact: maxAttempts,
      rules: (['busy', 'no_answer', 'failed'] as const).map((disposition) => ({ disposition, delayMinutes: retryMinutes, maxAttempts: maxAttempts - 1 })),
    },
  };
  const campaign = await ok(api.POST('/v1/campaigns', { params: { header: idempotencyKey() }, body: campaignBody }));
  report.step(
    `campaign "${campaign.name}" (${campaign.campaignId}): window ${CALLING_WINDOW.start}–${CALLING_WINDOW.end} in each callee's zone; ` +
      (maxAttempts > 1 ? `busy, no answer and failed retried after ${retryMinutes} min, at most ${maxAttempts} attempts a contact` : 'one attempt a contact, no retry'),
  );
  const id = campaign.campaignId;
  await ok(api.POST('/v1/campaigns/{id}/start', { params: { path: { id } }, body: {} }));
  report.step('started; progress from GET /v1/campaigns/{id}/progress and GET /v1/billing/balance (Ctrl-C cancels the campaign)');

  // Live progress until the campaign is over (or paused for a reason the demo cannot fix, or Ctrl-C).
  const campaignStart = Date.now();
  let waiting: string | undefined;
  let shown: ProgressFrame | undefined;
  const poll = <T>(read: () => Promise<T>) =>
    transient(read, (why) => shown && report.progress({ ...shown, elapsedMs: Date.now() - campaignStart, waiting: why }), signal);
  const readProgress = () => poll(() => ok(steady.GET('/v1/campaigns/{id}/progress', { params: { path: { id } } })));
  let interrupted = false;
  try {
    let progress = await readProgress();
    let lastChange = Date.now();
    let lastKey = '';
    for (;;) {
      const credits = await poll(() => ok(steady.GET('/v1/billing/balance')));
      const key = JSON.stringify([progress.totals, progress.calls, progress.state]);
      if (key !== lastKey) [lastKey, lastChange, waiting] = [key, Date.now(), undefined];
      else if (Date.now() - lastChange > STILL_FOR_DIAGNOSTICS_MS && !FINAL_STATES.has(progress.state)) {
        const diagnostics = await poll(() => ok(steady.GET('/v1/campaigns/{id}/diagnostics', { params: { path: { id } } })));
        waiting = diagnostics.sentences[0];
      }
      shown = frameOf(progress, credits, Date.now() - campaignStart, waiting);
      report.progress(shown);
      if (FINAL_STATES.has(progress.state) || progress.state === 'paused') break;
      if (signal?.aborted) {
        interrupted = true;
        break;
      }
      await sleep(pollMs, signal);
      if (signal?.aborted) {
        interrupted = true;
        break;
      }
      progress = await readProgress();
    }
  } catch (e) {
    // The demo cannot follow its campaign any more: stop it rather than leave it dialling unseen.
    report.endProgress();
    const cancelled = await ok(steady.POST('/v1/campaigns/{id}/cancel', { params: { path: { id } } })).then(() => true, () => false);
    report.step(cancelled ? `the campaign ${id} is cancelled: the demo can no longer follow it` : `the campaign ${id} could not be cancelled either: it may still be dialling`);
    throw e;
  }
  report.endProgress();
  const after = steady;
  if (interrupted) {
    await ok(after.POST('/v1/campaigns/{id}/cancel', { params: { path: { id } } })).catch((e: unknown) => {
      if (!(e instanceof SantralApiError && e.status === 409)) throw e;
    });
    report.step('interrupted: the campaign is cancelled; calls in progress end on their own');
  }

  // Settlements follow the calls' end events: wait until no credit is held and the costs agree.
  const settled = async () => {
    const [credits, p, posts] = await Promise.all([ok(after.GET('/v1/billing/balance')), ok(after.GET('/v1/campaigns/{id}/progress', { params: { path: { id } } })), campaignPosts(after, id)]);
    return { credits, progress: p, ledgerCost: round4(posts) };
  };
  const quietly = <T>(read: () => Promise<T>) => transient(read, () => undefined);
  let final = await quietly(settled);
  for (let tries = 0; tries < 40 && !(final.credits.reserved === 0 && final.progress.costSoFar === final.ledgerCost && (interrupted || FINAL_STATES.has(final.progress.state) || final.progress.state === 'paused')); tries++) {
    await sleep(500);
    final = await quietly(settled);
  }
  const done = await quietly(() => ok(after.GET('/v1/campaigns/{id}', { params: { path: { id } } })));
  const calls = await quietly(() => all((cursor) => ok(after.GET('/v1/calls', { params: { query: { campaignId: id, limit: 100, ...(cursor ? { cursor } : {}) } } }))));
  return {
    organizationId: org.id,
    apiKey: created.apiKey,
    campaignId: id,
    campaignState: done.state,
    completionReason: done.completionReason ?? null,
    pauseReason: done.pauseReason ?? null,
    interrupted,
    regions: regionRows,
    import: { accepted: imported.accepted, rejected: imported.rejected, duplicates: imported.duplicates },
    contacts: { ...final.progress.totals, total: final.progress.requested || final.progress.listContacts },
    ...callFigures(calls),
    cost: final.progress.costSoFar,
    ledgerCost: final.ledgerCost,
    currency: pricePlan.currency,
    credits: { toppedUp: topUp.amount, balance: final.credits.balance, reserved: final.credits.reserved },
    startedAt: new Date(started).toISOString(),
    elapsedMs: Date.now() - started,
  };
}

function frameOf(p: Schema<'CampaignProgressDto'>, credits: Schema<'BalanceDto'>, elapsedMs: number, waiting: string | undefined): ProgressFrame {
  const t = p.totals;
  return {
    state: p.state,
    contacts: p.requested || p.listContacts,
    done: t.succeeded + t.failed + t.exhausted + t.blocked + t.cancelled,
    dialled: p.calls,
    answered: t.succeeded,
    failed: t.failed + t.exhausted + t.blocked,
    retrying: t.retryScheduled,
    inProgress: t.inProgress,
    credits: credits.available,
    cost: p.costSoFar,
    elapsedMs,
    waiting,
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The credits posted for the campaign's calls (ledger `post` entries; this organization has no other calls). */
async function campaignPosts(api: SantralClient, campaignId: string): Promise<number> {
  const posts = await all((cursor) => ok(api.GET('/v1/billing/ledger', { params: { query: { kind: 'post', limit: 100, ...(cursor ? { cursor } : {}) } } })));
  return posts.filter((e) => e.campaignId === campaignId).reduce((sum, e) => sum - e.balanceDelta, 0);
}

/** Outcomes, ASR and average talk from the call log. */
export function callFigures(calls: ReadonlyArray<Schema<'CallDto'>>): Pick<DemoSummary, 'calls' | 'answered' | 'asr' | 'averageTalkSeconds' | 'outcomes'> {
  const ended = calls.filter((c) => c.endReason !== undefined);
  const answered = ended.filter((c) => c.state === 'ended');
  const talk = answered.map((c) => c.talkSeconds ?? 0);
  const byOutcome = new Map<string, number>();
  for (const c of calls) {
    const outcome = c.endReason ? `${c.state} · ${c.endReason.reason}` : `${c.state} (not ended yet)`;
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  }
  const outcomes = [...byOutcome.entries()]
    .map(([outcome, n]) => ({ outcome, calls: n, share: calls.length ? n / calls.length : 0 }))
    .sort((a, b) => b.calls - a.calls || a.outcome.localeCompare(b.outcome));
  return {
    calls: calls.length,
    answered: answered.length,
    asr: ended.length ? answered.length / ended.length : null,
    averageTalkSeconds: talk.length ? talk.reduce((s, x) => s + x, 0) / talk.length : null,
    outcomes,
  };
}
