import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client } from 'pg';
import { makeEnvelope, Rpc, streamName, Subjects } from '@santral/contracts';
import { connectNats, NatsRpcClient } from '@santral/messaging';
import { deleteTestStreams, dropSchema, sealForTests, testEnv, uniqueName, waitFor } from '@santral/testing';
import { startTelephonyBeside, type TelephonyBeside } from '../../../test/support/telephony-beside';
import { DialerReplicas, eventsOnStream, type DialerReplica, type StoredEvent } from './support/dialer-replicas';

jest.setTimeout(120_000);

// Issue 10 "done when", across processes: real dialer replicas (forked processes over one schema and
// subject prefix), the real telephony-gateway with its simulator at a high time scale (the simulator's
// number rules decide each call: …0001 busy, …0002 no answer, …0005 answered, …0006 silent, …0008
// refused), campaign facts published by the test (the campaign service does not exist yet). Every
// assertion reads what was stored (calls, call_transitions, slot_leases, call_tasks) or what the stream
// holds — never timings. Invariants (DESIGN §8): 1 never more calls active than slots, 2 no task
// attempt originated twice, 3 every call ends exactly once and frees its slot.
//
// The matrix retries `busy` once after 1 minute (its smallest delay). The test checks each retry's
// stored time against the matrix, then moves that stored time to now ("a minute passes") so the
// retry is dialled within the run.

const SIGNING_SECRET = `whsec_${Buffer.from('simulated-dialing-test-secret-32').toString('base64')}`;
const TERMINAL = ['ended', 'failed', 'no_answer', 'busy', 'cancelled'];
const RETRY_BUSY_ONCE = { maxAttemptsPerContact: 2, rules: [{ disposition: 'busy', delayMinutes: 1, maxAttempts: 1 }] };

/** The contact's fate at the simulator, by the number's last four digits. */
type Fate = 'answered' | 'busy' | 'no_answer' | 'refused' | 'silent';
const SUFFIX: Record<Fate, string> = { answered: '0005', busy: '0001', no_answer: '0002', refused: '0008', silent: '0006' };
/** 50 tasks: 25 answered, 10 busy (retried once, busy again), 10 unanswered, 5 refused by the provider. */
const MIX: Fate[] = Array.from({ length: 50 }, (_, i) => (i % 10 < 5 ? 'answered' : i % 10 < 7 ? 'busy' : i % 10 < 9 ? 'no_answer' : 'refused'));
/** What the matrix makes of each fate: the task's outcome and how many calls it took. */
const EXPECTED: Record<Fate, { outcome: string; attempts: number; state: string }> = {
  answered: { outcome: 'succeeded', attempts: 1, state: 'ended' },
  busy: { outcome: 'exhausted', attempts: 2, state: 'busy' },
  no_answer: { outcome: 'failed', attempts: 1, state: 'no_answer' },
  refused: { outcome: 'failed', attempts: 1, state: 'failed' },
  silent: { outcome: 'failed', attempts: 1, state: 'failed' },
};

/** The zone where it is midday now: inside every calling window and the organization's outer bounds. */
function middayZone(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('simulated dialing: dialer replicas as processes, the telephony-gateway and its simulator (real Postgres, JetStream)', () => {
  const schema = uniqueName('dlr_sim');
  const prefix = uniqueName('dsim');
  const replicas = new DialerReplicas(
    DialerReplicas.env(schema, prefix, { DISPATCH_INTERVAL_MS: '200', WATCHDOG_INTERVAL_MS: '250', LEASE_GRACE_MS: '300', DB_POOL_SIZE: '6', PROVIDER_CPS_DEFAULT: '1000' }),
  );
  let telephony: TelephonyBeside;
  let nc: NatsConnection;
  let rpc: NatsRpcClient;
  let pg: Client;
  let first: DialerReplica;
  /** Joins in the second scenario; SIGKILLed in the third. */
  let second: DialerReplica;
  let scenario = 0;

  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => (await pg.query(sql, params)).rows as T[];

  async function publish(orgid: string, type: string, data: object): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/test', data, orgid });
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  beforeAll(async () => {
    pg = new Client({ connectionString: testEnv.databaseUrl });
    await pg.connect();
    nc = await connectNats({ servers: testEnv.natsUrl, name: `${prefix}-test` });
    rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
    await replicas.migrate();
    await pg.query(`SET search_path TO "${schema}"`);
    telephony = await startTelephonyBeside({ subjectPrefix: prefix }, 'tg_simd', { listen: true });
    first = await replicas.start();
  });

  afterAll(async () => {
    await replicas.closeAll();
    await telephony?.close();
    await nc?.close();
    await pg?.end();
    await dropSchema(testEnv.databaseUrl, schema);
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
  });

  /** An organization with `slots` slots, a simulator account at time scale 1000, a caller number and an active campaign. */
  async function organization(slots: number) {
    const org = randomUUID();
    const campaign = randomUUID();
    const from = `+90212555${String(1000 + scenario)}`;
    await publish(org, Subjects.Gateway.OrganizationCreated, {
      organizationId: org, name: `Sim ${scenario}`, plan: 'free', limits: { concurrentSlots: slots, callsPerHour: 100_000, minCreditsToStart: 0 }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
    });
    const account = await rpc.request(Rpc.Telephony.ProviderAccountCreate, {
      organizationId: org, type: 'simulator', name: 'Simulator',
      settings: { timeScale: 1000, seed: scenario, ringSeconds: { min: 1, max: 4 }, talkSeconds: { min: 5, max: 30 }, recording: false, transcriptSegments: 0 },
      sealedSecrets: sealForTests(org, { apiKey: `sk_sim_${scenario}`, signingSecret: SIGNING_SECRET }),
    });
    // The caller number is a hotline of the organization (E4); the dialer accepts it once it holds the organization's settings.
    await waitFor(() => rpc.request(Rpc.Dialer.HotlineCreate, { organizationId: org, number: from, label: 'Main line', outboundAllowed: true }).then(() => true, () => false), 15_000, 'hotline');
    await publish(org, Subjects.Campaign.CampaignStarted, {
      organizationId: org, campaignId: campaign, name: `Campaign ${scenario}`, totalContacts: 50,
      dialPlan: {
        agentId: randomUUID(), providerAccountId: account.id, fromNumber: from, startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2030-01-01T00:00:00.000Z',
        callingWindows: [{ start: '00:00', end: '23:59' }], ringTimeoutSeconds: 5, retryPolicy: RETRY_BUSY_ONCE,
      },
    });
    return { org, campaign };
  }

  /** Requests the contacts (numbered from `offset` in the scenario); returns each number's fate. */
  async function request(org: string, campaign: string, fates: Fate[], offset = 0): Promise<Map<string, Fate>> {
    const zone = middayZone();
    const byNumber = new Map<string, Fate>();
    const contacts = fates.map((fate, i) => {
      const to = `+90555${String(scenario * 100 + offset + i).padStart(3, '0')}${SUFFIX[fate]}`;
      byNumber.set(to, fate);
      return { contactId: randomUUID(), to, timeZone: zone, timeZoneSource: 'given' };
    });
    await publish(org, Subjects.Campaign.CallRequested, { organizationId: org, campaignId: campaign, batchId: randomUUID(), contacts });
    return byNumber;
  }

  /**
   * Waits until every task finished. A retry the matrix scheduled is checked against the matrix's
   * delay (from its call's end), then its stored time is moved to now; returns those delays.
   */
  async function untilFinished(org: string, total: number, timeoutMs = 90_000): Promise<Map<string, number>> {
    const delays = new Map<string, number>();
    await waitFor(
      async () => {
        const due = await q<{ id: string; attempt: number; delay_ms: number }>(
          `SELECT t.id, t.attempt, (extract(epoch FROM t.not_before - c.ended_at) * 1000)::float8 AS delay_ms
             FROM call_tasks t JOIN calls c ON c.task_id = t.id AND c.attempt = t.attempt
            WHERE t.organization_id = $1 AND t.state = 'retry_scheduled'`,
          [org],
        );
        for (const t of due) {
          if (delays.has(`${t.id}#${t.attempt}`)) continue; // moved already, not yet dialled
          delays.set(`${t.id}#${t.attempt}`, Number(t.delay_ms));
          await pg.query(`UPDATE call_tasks SET not_before = clock_timestamp() WHERE id = $1 AND state = 'retry_scheduled' AND attempt = $2`, [t.id, t.attempt]);
        }
        const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM call_tasks WHERE organization_id = $1 AND state = 'finished'`, [org]);
        return n === total;
      },
      timeoutMs,
      `all ${total} tasks of ${org} finished`,
      100,
    );
    return delays;
  }

  /** Invariant 1 from the stored transitions: the most calls open at once, each from its dialing to its terminal transition (a start and an end at the same instant count as overlapping). */
  async function peakActive(org: string): Promise<number> {
    const [{ peak }] = await q<{ peak: number }>(
      `SELECT coalesce(max(open), 0)::int AS peak FROM (
         SELECT sum(d) OVER (ORDER BY at, d DESC, seq) AS open FROM (
           SELECT at, seq, CASE WHEN to_state = 'dialing' THEN 1 ELSE -1 END AS d
             FROM call_transitions
            WHERE organization_id = $1 AND (to_state = 'dialing' OR (to_state = ANY($2) AND from_state IS DISTINCT FROM to_state AND cause NOT LIKE 'rejected:%'))
         ) e
       ) x`,
      [org, TERMINAL],
    );
    return peak;
  }

  /** Invariants 1–3 and the matrix, for one organization's run. */
  async function expectInvariants(org: string, slots: number, fates: Map<string, Fate>, delays: Map<string, number>): Promise<void> {
    const calls = await q<{ call_id: string; task_id: string; attempt: number; to_number: string; state: string }>(
      `SELECT call_id, task_id, attempt, to_number, state FROM calls WHERE organization_id = $1`,
      [org],
    );
    const expectedCalls = [...fates.values()].reduce((n, f) => n + EXPECTED[f].attempts, 0);
    expect(calls).toHaveLength(expectedCalls);

    // 1: never more than `slots` calls open at once (and the slots were really used).
    const peak = await peakActive(org);
    expect(peak).toBeLessThanOrEqual(slots);
    expect(peak).toBe(slots);

    // 2: one call per (task, attempt), attempts 1..n; one originate command per call and attempt on the stream; one dial at the provider.
    const perTask = new Map<string, number[]>();
    for (const c of calls) perTask.set(c.task_id, [...(perTask.get(c.task_id) ?? []), c.attempt]);
    for (const attempts of perTask.values()) expect(attempts.sort()).toEqual(Array.from({ length: attempts.length }, (_, i) => i + 1));
    // The stream as consumers see it, once the relays published what the last transactions wrote.
    const subjects = [Subjects.Telephony.OriginateCall, Subjects.Dialer.CallEnded, Subjects.Dialer.TaskFinished, Subjects.Dialer.TaskRetryScheduled];
    const of = (events: StoredEvent[], type: string) => events.filter((e) => e.orgid === org && e.type === type);
    const stream = (await waitFor(
      async () => {
        const events = await eventsOnStream(nc, prefix, subjects);
        return of(events, Subjects.Dialer.TaskFinished).length >= fates.size && of(events, Subjects.Dialer.CallEnded).length >= calls.length ? events : undefined;
      },
      15_000,
      'the dialer’s last events on the stream',
      200,
    ))!;
    const mine = (type: string) => of(stream, type);
    const originates = mine(Subjects.Telephony.OriginateCall).map((e) => `${String(e.data.callId)}#${String(e.data.attempt)}`);
    expect(originates.sort()).toEqual(calls.map((c) => `${c.call_id}#${c.attempt}`).sort());
    const dialled = new Map<string, number>();
    for (const sim of telephony.sim.engine.calls.values()) if (sim.clientRef) dialled.set(sim.clientRef, (dialled.get(sim.clientRef) ?? 0) + 1);
    for (const c of calls.filter((x) => fates.get(x.to_number) !== 'refused')) expect([c.call_id, dialled.get(c.call_id)]).toEqual([c.call_id, 1]);

    // 3: every call has exactly one terminal transition and exactly one dialer.call.ended.v1; no lease is left.
    const terminal = await q<{ call_id: string; n: number }>(
      `SELECT c.call_id, count(t.seq)::int AS n FROM calls c
         LEFT JOIN call_transitions t ON t.call_id = c.call_id AND t.to_state = ANY($2) AND t.from_state IS DISTINCT FROM t.to_state AND t.cause NOT LIKE 'rejected:%'
        WHERE c.organization_id = $1 GROUP BY c.call_id`,
      [org, TERMINAL],
    );
    expect(terminal.filter((t) => t.n !== 1)).toEqual([]);
    const ended = mine(Subjects.Dialer.CallEnded);
    expect(ended.map((e) => String(e.data.callId)).sort()).toEqual(calls.map((c) => c.call_id).sort());
    await expect(q(`SELECT slot_no, call_id FROM slot_leases WHERE organization_id = $1`, [org])).resolves.toEqual([]);

    // The matrix: busy retried once after its minute (then exhausted), nothing else retried.
    for (const c of calls) expect([c.to_number, c.state]).toEqual([c.to_number, EXPECTED[fates.get(c.to_number)!].state]);
    const tasks = await q<{ id: string; to_number: string; outcome: string; attempt: number }>(`SELECT id, to_number, outcome, attempt FROM call_tasks WHERE organization_id = $1`, [org]);
    for (const t of tasks) {
      const want = EXPECTED[fates.get(t.to_number)!];
      expect([t.to_number, t.outcome, t.attempt]).toEqual([t.to_number, want.outcome, want.attempts]);
    }
    const retried = [...fates.values()].filter((f) => EXPECTED[f].attempts > 1).length;
    expect(delays.size).toBe(retried);
    // The matrix's minute from the call's end (its transaction's start: a batch of ends on a loaded machine adds a little).
    for (const d of delays.values()) {
      expect(d).toBeGreaterThanOrEqual(59_000);
      expect(d).toBeLessThanOrEqual(75_000);
    }
    const retries = mine(Subjects.Dialer.TaskRetryScheduled);
    expect(retries).toHaveLength(retried);
    expect(retries.every((e) => e.data.nextAttempt === 2 && e.data.disposition === 'busy')).toBe(true);
    const finished = mine(Subjects.Dialer.TaskFinished);
    expect(finished).toHaveLength(fates.size);
    expect(new Set(finished.map((e) => e.data.taskId)).size).toBe(fates.size);
  }

  it('3 slots, 50 tasks, one replica: every task finished, never more than 3 calls at once, each attempt dialled once, each call ended once', async () => {
    scenario = 1;
    const { org, campaign } = await organization(3);
    const fates = await request(org, campaign, MIX);
    const delays = await untilFinished(org, 50);
    await expectInvariants(org, 3, fates, delays);
  });

  it('the same with two replicas sharing the work', async () => {
    scenario = 2;
    second = await replicas.start();
    const { org, campaign } = await organization(3);
    const fates = await request(org, campaign, MIX);
    const delays = await untilFinished(org, 50);
    await expectInvariants(org, 3, fates, delays);
  });

  it('the same with one of two replicas SIGKILLed after a third of the calls: the survivor finishes, every in-flight call ends once', async () => {
    scenario = 3;
    expect(second.exited).toBe(false);
    const { org, campaign } = await organization(3);
    const fates = await request(org, campaign, MIX);
    // A third of the calls dialled, and all three slots busy: then the replica dies.
    const busyAfterAThird = async () =>
      (await q(`SELECT 1 FROM calls WHERE organization_id = $1 HAVING count(*) >= 20 AND count(*) FILTER (WHERE ended_at IS NULL) = 3`, [org])).length === 1;
    await waitFor(busyAfterAThird, 30_000, 'a third of the calls dialled, every slot busy', 5);
    await second.kill();
    expect(first.exited).toBe(false);
    const inFlight = await q<{ call_id: string }>(`SELECT call_id FROM calls WHERE organization_id = $1 AND ended_at IS NULL`, [org]);
    expect(inFlight.length).toBeGreaterThan(0);
    const delays = await untilFinished(org, 50);
    await expectInvariants(org, 3, fates, delays);
    // The calls open when the replica died each ended once (by telephony's facts or the lease watchdog).
    const ends = await q<{ call_id: string; n: number }>(
      `SELECT call_id, count(*)::int AS n FROM call_transitions WHERE call_id = ANY($1) AND to_state = ANY($2) AND from_state IS DISTINCT FROM to_state AND cause NOT LIKE 'rejected:%' GROUP BY call_id`,
      [inFlight.map((c) => c.call_id), TERMINAL],
    );
    expect(ends).toHaveLength(inFlight.length);
    expect(ends.every((e) => e.n === 1)).toBe(true);
  });

  it('a call whose telephony facts never come: its lease runs out, the watchdog ends it once, the slot serves the next call, the matrix decides the task', async () => {
    scenario = 4;
    // The simulator dials …0006 and then says nothing about it: no ringing, no answer, no end reaches the dialer.
    // Its end (stuck_watchdog) falls under `failed`, which this matrix does not retry: the task finishes failed.
    const { org, campaign } = await organization(1);
    // The silent call takes the one slot first; the others wait for it.
    const fates = await request(org, campaign, ['silent']);
    await waitFor(async () => (await q(`SELECT 1 FROM calls WHERE organization_id = $1`, [org])).length === 1, 15_000, 'the silent call dialled');
    for (const [to, fate] of await request(org, campaign, ['answered', 'busy', 'answered'], 1)) fates.set(to, fate);
    const delays = await untilFinished(org, 4);
    const calls = await q<{ call_id: string; to_number: string; slot_no: number; reason: string }>(
      `SELECT call_id, to_number, slot_no, end_reason->>'reason' AS reason FROM calls WHERE organization_id = $1`,
      [org],
    );
    const silent = calls.filter((c) => fates.get(c.to_number) === 'silent');
    expect(silent).toEqual([expect.objectContaining({ reason: 'stuck_watchdog', slot_no: 1 })]);
    const causes = await q<{ cause: string }>(`SELECT cause FROM call_transitions WHERE call_id = $1 AND to_state = ANY($2) AND from_state IS DISTINCT FROM to_state`, [silent[0]!.call_id, TERMINAL]);
    expect(causes).toEqual([{ cause: 'watchdog:lease_expired' }]);
    // The one slot served the others only after the watchdog ended the silent call — never beside it.
    expect(calls.every((c) => c.slot_no === 1)).toBe(true);
    const [{ early }] = await q<{ early: number }>(
      `SELECT count(*)::int AS early FROM call_transitions d, call_transitions e
        WHERE d.organization_id = $1 AND d.to_state = 'dialing' AND d.call_id <> $2 AND e.call_id = $2 AND e.cause = 'watchdog:lease_expired' AND d.at <= e.at`,
      [org, silent[0]!.call_id],
    );
    expect(early).toBe(0);
    await expectInvariants(org, 1, fates, delays);
    // Hung up at the provider, once (in case it was still up there).
    const hangups = (await waitFor(
      async () => {
        const all = (await eventsOnStream(nc, prefix, [Subjects.Telephony.HangupCall])).filter((h) => h.data.callId === silent[0]!.call_id);
        return all.length ? all : undefined;
      },
      15_000,
      'the watchdog’s hangup on the stream',
      200,
    ))!;
    expect(hangups.map((h) => h.data.reason)).toEqual(['stuck_watchdog']);
  });
});
