import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EventSource } from 'eventsource';
import { streamName } from '@santral/contracts';
import { DlqHeaders } from '@santral/messaging';
import { startPrivateNatsServer, type PrivateNatsServer } from '@santral/testing';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { SERVICE_NAMES, startStack, type ServiceName, type Stack } from './support/stack';
import {
  action, callLog, campaignReaches, contactsOf, createCampaign, csvOf, grant, importList, ledger, newOrganization, ok, pricedUnits, progressOf, until, type Org,
} from './support/outbound';

// Chaos (issue 13): a campaign runs while one part of the stack dies and comes back, one victim a
// run: the dialer, billing, the telephony-gateway and the campaign service each SIGKILLed and
// restarted, NATS restarted, Postgres restarted. On a NATS server and a Postgres cluster of this
// file's own (never the shared ones). After each run: the campaign completes, no attempt was dialled
// twice, the ledger is exactly the priced calls, no slot lease is left, every event was applied
// (outboxes sent, consumers caught up, no dead letters), and an operator screen's live stream
// (GET /v1/events/stream, opened before the kill) saw every call end. `npm run test:chaos` runs it.
jest.setTimeout(240_000);

const units = (credits: number) => Math.round(credits * 10_000);
const FINAL = ['succeeded', 'failed', 'exhausted', 'blocked', 'cancelled'];
const CONTACTS = 18;
const CREDITS = 40;

type Victim = ServiceName | 'nats' | 'postgres';

const KNOWN_HANGUP_LETTER = /telephony\.call\.hangup\.v1: handler-failed \(provider answered HTTP 404\)$/;

describe('chaos: a campaign survives a killed service, a NATS restart and a Postgres restart', () => {
  let nats: PrivateNatsServer;
  let pg: PrivatePostgres;
  let stack: Stack;
  const findings: string[] = [];
  /** Services that exited by themselves during each run (the stack started them again). */
  const crashesOf = new Map<Victim, string[]>();
  /** Dead-lettered hangups of calls the provider no longer knew, per run. */
  const hangupLetters = new Map<Victim, number>();

  beforeAll(async () => {
    nats = await startPrivateNatsServer();
    pg = await startPrivatePostgres();
    stack = await startStack({
      name: 'chaos', natsUrl: nats.url, postgresUrl: pg.url, supervise: true,
      // A stream token outlives a run, so the live stream's own reconnects (Last-Event-ID) all use the one it opened with.
      env: { billing: { RESERVATION_GRACE_SECONDS: '2' }, 'api-gateway': { EVENTS_STREAM_TOKEN_TTL_SECONDS: '900' } },
    });
  }, 180_000);

  afterAll(async () => {
    if (stack) process.stdout.write(`chaos: stack booted in ${stack.bootMs} ms; log ${stack.logFile}\n${findings.join('\n')}\n`);
    await stack?.close();
    await pg?.dispose();
    await nats?.dispose();
  });

  async function kill(victim: Victim): Promise<void> {
    if (victim === 'nats') return nats.restart();
    if (victim === 'postgres') return pg.restart();
    await stack.kill(victim, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    await stack.start(victim);
  }

  const dialerCalls = (campaignId: string) =>
    stack.query<{ call_id: string; task_id: string; attempt: number; to_number: string; state: string; reservation_id: string | null }>(
      'dialer-orchestrator', 'SELECT call_id, task_id, attempt, to_number, state, reservation_id FROM calls WHERE campaign_id = $1', [campaignId],
    );

  /** Unsent outbox rows of every service. */
  async function unsentOutbox(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const name of SERVICE_NAMES) {
      const rows = await stack.query<{ n: number }>(name, 'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL').catch(() => [{ n: 0 }]);
      if (rows[0]!.n > 0) out[name] = rows[0]!.n;
    }
    return out;
  }

  /**
   * Durable consumers of the events stream (the services' inboxes) with messages not yet acknowledged.
   * The api-gateway's ordered consumers of the live event stream are not counted: they apply nothing,
   * and how soon one reads again after a NATS restart is not what this run checks.
   */
  async function busConsumers(): Promise<Record<string, number>> {
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const behind: Record<string, number> = {};
      for await (const c of jsm.consumers.list(streamName('Events', stack.subjectPrefix))) {
        if (!c.config.durable_name) continue;
        const n = c.num_pending + c.num_ack_pending;
        if (n > 0) behind[c.name] = n;
      }
      return behind;
    } finally {
      await nc.close();
    }
  }

  /** The dead letters after stream sequence `after` (of one organization): what failed, where and why. */
  async function deadLetters(after = 0, organizationId?: string): Promise<{ last: number; letters: string[] }> {
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const name = streamName('DeadLetters', stack.subjectPrefix);
      const info = await jsm.streams.info(name).catch(() => null);
      const last = info?.state.last_seq ?? 0;
      const letters: string[] = [];
      for (let seq = after + 1; seq <= last; seq++) {
        const m = await jsm.streams.getMessage(name, { seq }).catch(() => null);
        if (!m) continue;
        let orgid = '';
        try {
          orgid = (JSON.parse(new TextDecoder().decode(m.data)) as { orgid?: string }).orgid ?? '';
        } catch {
          /* not an envelope */
        }
        if (!organizationId || orgid === organizationId) letters.push(`${m.header.get(DlqHeaders.Subject)}: ${m.header.get(DlqHeaders.Reason)} (${m.header.get(DlqHeaders.Error)})`);
      }
      return { last, letters };
    } finally {
      await nc.close();
    }
  }

  /**
   * An operator screen's live stream, as a browser holds it: a real EventSource, which reconnects by
   * itself with Last-Event-ID. Collects the ids of the calls whose end it was told of.
   */
  async function liveStream(org: Org): Promise<{ ended: Set<string>; errors: string[]; close: () => void }> {
    const { token } = await ok(org.api.POST('/v1/events/stream-tokens', { body: {} }));
    const es = new EventSource(`${stack.baseUrl}/v1/events/stream?token=${encodeURIComponent(token)}`);
    const ended = new Set<string>();
    const errors: string[] = [];
    es.addEventListener('dialer.call.ended.v1', (e: MessageEvent) => void ended.add((JSON.parse(e.data) as { callId: string }).callId));
    await new Promise<void>((resolve, reject) => {
      es.onopen = () => resolve();
      es.onerror = (e) => reject(new Error(`EventSource: ${(e as { message?: string }).message ?? 'error'}`));
    });
    es.onerror = (e) => void errors.push(`${new Date().toISOString()} ${(e as { message?: string }).message ?? 'error'}`);
    return { ended, errors, close: () => es.close() };
  }

  async function run(victim: Victim): Promise<void> {
    const dlqBefore = (await deadLetters(Number.MAX_SAFE_INTEGER)).last;
    const crashesBefore = stack.crashes.length;
    const org: Org = await newOrganization(stack, { name: `Chaos ${victim}`, simulator: { timeScale: 10, talkSeconds: { min: 5, max: 15 } } });
    await grant(stack, org.id, CREDITS);
    const rows = Array.from({ length: CONTACTS }, (_, i) => [`Kişi ${i}`, `0536 ${String(100 + i)} 00 05`] as [string, string]);
    const { listId, job } = await importList(stack, org, csvOf(org.zone, rows));
    expect(job.accepted).toBe(CONTACTS);
    // A short hold (20 s of talk + 2 s of grace), so that one a killed dialer left behind expires within the run.
    const campaignId = await createCampaign(stack, org, { listId, maxCallSeconds: 20 });
    const stream = await liveStream(org);
    await ok(action(org, campaignId, 'start'));
    await until(stack, 'a few calls dialled', async () => (await dialerCalls(campaignId)).length >= 4, 30_000);
    const killedAt = Date.now();
    const dialledBefore = (await dialerCalls(campaignId)).length;
    await kill(victim);
    const back = Date.now() - killedAt;

    const done = await campaignReaches(stack, org, campaignId, 'completed', 150_000);
    expect(done.completionReason).toBe('all_contacts_done');
    const contacts = await contactsOf(org, campaignId);
    expect(contacts).toHaveLength(CONTACTS);
    expect(contacts.filter((c) => !FINAL.includes(c.state))).toEqual([]);

    // No attempt dialled twice: one dialer call per task and attempt, one call per contact (one attempt
    // each), and one provider call per call id at the telephony-gateway.
    const calls = await dialerCalls(campaignId);
    expect(new Set(calls.map((c) => `${c.task_id}:${c.attempt}`)).size).toBe(calls.length);
    expect(new Set(calls.map((c) => c.to_number)).size).toBe(calls.length);
    const providerCalls = await stack.query<{ call_id: string; n: number }>(
      'telephony-gateway', `SELECT call_id, count(*)::int AS n FROM provider_call_refs WHERE organization_id = $1 AND ref_kind = 'call' GROUP BY call_id HAVING count(*) > 1`, [org.id],
    );
    expect(providerCalls).toEqual([]);
    const telephonyCalls = await stack.query<{ to_number: string; n: number }>('telephony-gateway', 'SELECT to_number, count(*)::int AS n FROM telephony_calls WHERE organization_id = $1 GROUP BY to_number HAVING count(*) > 1', [org.id]);
    expect(telephonyCalls).toEqual([]);
    expect(calls.filter((c) => !c.reservation_id)).toEqual([]);

    // No slot lease left, no credit held, every event applied.
    await until(stack, 'no slot lease held', async () => (await stack.query<{ n: number }>('dialer-orchestrator', 'SELECT count(*)::int AS n FROM slot_leases WHERE organization_id = $1', [org.id]))[0]!.n === 0, 30_000);
    await until(stack, 'no credit reserved', async () => (await ok(org.api.GET('/v1/billing/balance'))).reserved === 0, 60_000, 500, async () =>
      stack.query('billing', `SELECT id, call_id, state, expires_at FROM reservations WHERE organization_id = $1 AND state = 'pending'`, [org.id]));
    await until(stack, 'every outbox sent', async () => Object.keys(await unsentOutbox()).length === 0, 30_000, 500, unsentOutbox);
    await until(stack, 'every consumer caught up', async () => Object.keys(await busConsumers()).length === 0, 30_000, 500, busConsumers);
    // The live stream lost nothing across the kill: every call's end reached it (live, or on its reconnect).
    try {
      await until(stack, 'the live stream told of every call end', async () => calls.every((c) => stream.ended.has(c.call_id)), 30_000, 500, async () => ({
        missing: calls.filter((c) => !stream.ended.has(c.call_id)).map((c) => c.call_id), errors: stream.errors,
      }));
    } finally {
      stream.close();
    }
    if (stream.errors.length) findings.push(`chaos ${victim}: the live stream reconnected ${stream.errors.length} time(s)`);
    const dead = await deadLetters(dlqBefore, org.id);
    crashesOf.set(victim, stack.crashes.slice(crashesBefore).map((c) => `${c.name} exited ${c.exit}`));
    if (dead.letters.length) findings.push(`chaos ${victim}: dead letters:\n  ${dead.letters.join('\n  ')}`);
    if (crashesOf.get(victim)!.length) findings.push(`chaos ${victim}: exited by themselves (restarted): ${crashesOf.get(victim)!.join(', ')}`);
    // Known (see the failing test below): hangups of calls the restarted simulator no longer knows.
    const knownHangups = dead.letters.filter((l) => KNOWN_HANGUP_LETTER.test(l));
    hangupLetters.set(victim, knownHangups.length);
    expect(dead.letters.filter((l) => !KNOWN_HANGUP_LETTER.test(l))).toEqual([]);

    // The ledger is exactly the priced calls of the call log.
    const plan = await ok(org.api.GET('/v1/billing/price-plan'));
    const log = (await callLog(org, campaignId)).filter((c) => c.kind === 'campaign');
    expect(log).toHaveLength(calls.length);
    const posted = new Map<string, number>();
    for (const e of (await ledger(org)).filter((x) => x.kind === 'post')) posted.set(e.callId!, (posted.get(e.callId!) ?? 0) - units(e.balanceDelta));
    for (const c of log) expect({ call: c.callId, charged: posted.get(c.callId) ?? 0 }).toEqual({ call: c.callId, charged: pricedUnits(plan, c.talkSeconds ?? 0) });
    const charged = [...posted.values()].reduce((a, b) => a + b, 0);
    const balance = await ok(org.api.GET('/v1/billing/balance'));
    expect(units(balance.balance)).toBe(units(CREDITS) - charged);
    const progress = await progressOf(org, campaignId);
    expect(units(progress.costSoFar)).toBe(charged);

    const expired = (await ledger(org)).filter((e) => e.kind === 'expiry').length;
    const outcomes = contacts.reduce<Record<string, number>>((a, c) => ({ ...a, [c.state]: (a[c.state] ?? 0) + 1 }), {});
    const ends = log.reduce<Record<string, number>>((a, c) => {
      const k = c.endReason?.reason ?? c.state;
      return { ...a, [k]: (a[k] ?? 0) + 1 };
    }, {});
    findings.push(`chaos ${victim}: killed after ${dialledBefore} of ${CONTACTS} calls, back in ${back} ms; ${calls.length} calls; contacts ${JSON.stringify(outcomes)}; call ends ${JSON.stringify(ends)}; charged ${charged / 10_000} credits; ${expired} reservation(s) expired`);
  }

  it.each<Victim>(['dialer-orchestrator', 'billing', 'telephony-gateway', 'campaign', 'nats', 'postgres'])('%s killed (or restarted) mid-campaign', async (victim) => {
    await run(victim);
  });

  it('no service exits by itself when NATS restarts', () => {
    expect(crashesOf.get('nats')).toEqual([]);
  });

  // Found by these runs: when the telephony-gateway dies, the simulator in its process loses its calls;
  // the dialer's watchdog then asks to hang them up and the restarted simulator answers 404. That
  // hangup was dead-lettered; a provider that no longer has the call now counts as "already gone".
  it('a hangup the provider answers 404 (call already gone) is not dead-lettered', () => {
    expect([...hangupLetters.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });

  // Found by these runs: every service with an outbox exited on a Postgres restart — the outbox relay
  // kept a pool client checked out between passes with no error listener, so the server's 57P01 was an
  // unhandled 'error' event. The held client now has a listener (libs/persistence holdClient).
  it('no service exits by itself when Postgres restarts', () => {
    expect(crashesOf.get('postgres')).toEqual([]);
  });
});
