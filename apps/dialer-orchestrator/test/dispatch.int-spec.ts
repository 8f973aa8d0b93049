import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import { makeEnvelope, Rpc, streamName, Subjects, validatePayload, type OriginateCallV1 } from '@santral/contracts';
import { connectNats, decodeJson, NatsRpcClient } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, deleteTestStreams, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { dialerService } from '../src/app.module';

jest.setTimeout(90_000);

// Issue 10 / invariants 1 and 2: two dialer replicas dispatch 50 tasks of a campaign over 3 slots.
// Telephony is played by the test: each originate command is answered by telephony.call.ended.v1 a
// little later (the issue allows synthetic facts to measure the dialer itself).
describe('dialer dispatch: 3 slots, 50 tasks, two replicas (real JetStream, real Postgres)', () => {
  const schema = uniqueName('dlr_disp');
  const prefix = uniqueName('ddp');
  const replicas: NestFastifyApplication[] = [];
  let nc: NatsConnection;
  const org = randomUUID();
  const campaign = randomUUID();
  const account = randomUUID();
  const originates: OriginateCallV1[] = [];
  let active = 0;
  let mostActive = 0;
  /** Organizations whose calls never get a telephony fact back. */
  const silentOrgs = new Set<string>();
  const hangups: Array<{ callId: string; reason: string }> = [];
  /** What the dialer published of its own (dialer.>), as integrators and the other services see it. */
  const dialerEvents: Array<{ type: string; orgid: string; data: Record<string, unknown> }> = [];
  /** The end the stand-in reports for a number (default: a completed conversation). */
  const endFor = new Map<string, { status: string; reason: string; fault: string; billable: boolean }>();

  async function publish(type: string, data: object, time = new Date()): Promise<void> {
    await publishFor(org, type, data, time);
  }

  async function publishFor(orgid: string, type: string, data: object, time = new Date()): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/test', data, orgid, subject: campaign, time });
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  beforeAll(async () => {
    await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({
      DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: schema, SUBJECT_PREFIX: prefix, NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered', LOG_LEVEL: 'silent', DISPATCH_INTERVAL_MS: '200', WATCHDOG_INTERVAL_MS: '300', LEASE_GRACE_MS: '500', PROVIDER_CPS_DEFAULT: '1000',
    });
    for (let i = 0; i < 2; i++) replicas.push(await bootTestService(dialerService, config, { rpc: i === 0 }));
    nc = await connectNats({ servers: testEnv.natsUrl });
    nc.subscribe(`${prefix}.dialer.>`, { callback: (_e, msg) => void dialerEvents.push(decodeJson(msg.data) as { type: string; orgid: string; data: Record<string, unknown> }) });
    nc.subscribe(`${prefix}.${Subjects.Telephony.HangupCall}`, { callback: (_e, msg) => void hangups.push((decodeJson(msg.data) as { data: { callId: string; reason: string } }).data) });
    // The stand-in for the telephony-gateway: every originate ends 20–60 ms later, as completed.
    nc.subscribe(`${prefix}.${Subjects.Telephony.OriginateCall}`, {
      callback: (_err, msg) => {
        const cmd = (decodeJson(msg.data) as { data: OriginateCallV1 }).data;
        originates.push(cmd);
        if (silentOrgs.has(cmd.organizationId)) return; // the provider's facts about it are all lost
        active++;
        mostActive = Math.max(mostActive, active);
        const fact = { organizationId: cmd.organizationId, callId: cmd.callId, providerAccountId: account, provider: 'simulator', providerCallId: `sim-${cmd.callId}` };
        void publishFor(cmd.organizationId, Subjects.Telephony.CallRinging, fact);
        setTimeout(() => void publishFor(cmd.organizationId, Subjects.Telephony.CallAnswered, { ...fact, answeredBy: 'human' }), 5);
        setTimeout(() => {
          active--;
          void publishFor(cmd.organizationId, Subjects.Telephony.CallEnded, {
            organizationId: cmd.organizationId, callId: cmd.callId, providerAccountId: account, provider: 'simulator', providerCallId: `sim-${cmd.callId}`,
            direction: 'outbound', talkSeconds: 12, waitSeconds: 3, totalSeconds: 15, forwardedSeconds: 0,
            endReason: endFor.get(cmd.to) ?? { status: 'ended', reason: 'completed', fault: 'none', billable: true }, isLost: false, tags: [],
          });
          // A late, repeated answered after the end: rejected by the call machine, kept.
          setTimeout(() => void publishFor(cmd.organizationId, Subjects.Telephony.CallAnswered, { ...fact, answeredBy: 'human' }), 5);
        }, 20 + Math.floor(Math.random() * 40));
      },
    });
  });

  afterAll(async () => {
    for (const r of replicas) await r.close();
    await nc?.close();
    await dropSchema(testEnv.databaseUrl, schema);
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
  });

  it('never has more than 3 calls active, dials each task once, ends every call once and frees every slot', async () => {
    const ds = replicas[0]!.get(DataSource);
    await publish(Subjects.Gateway.OrganizationCreated, {
      organizationId: org, name: 'Clinic', plan: 'free', limits: { concurrentSlots: 3, callsPerHour: 1000, minCreditsToStart: 10 }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
    });
    await publish(Subjects.Campaign.CampaignStarted, {
      organizationId: org, campaignId: campaign, name: 'Renewals', totalContacts: 50,
      dialPlan: {
        agentId: randomUUID(), providerAccountId: account, fromNumber: '+902125550000', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z',
        callingWindows: [{ start: '00:00', end: '23:59' }], retryPolicy: { maxAttemptsPerContact: 1, rules: [] }, ringTimeoutSeconds: 30,
      },
    });
    // The caller number must be a hotline of the organization (E4), and the contacts inside calling
    // hours whenever this runs: their zone is the one where it is midday now.
    const rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
    await waitFor(() => rpc.request(Rpc.Dialer.HotlineCreate, { organizationId: org, number: '+902125550000', label: 'Main line', outboundAllowed: true }).then(() => true, () => false), 10_000, 'hotline');
    const offset = 12 - new Date().getUTCHours();
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const contacts = Array.from({ length: 50 }, (_, i) => ({ contactId: randomUUID(), to: `+90555${String(2000000 + i)}`, timeZone: zone, timeZoneSource: 'given' }));
    await publish(Subjects.Campaign.CallRequested, { organizationId: org, campaignId: campaign, batchId: randomUUID(), contacts });

    const finished = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM call_tasks WHERE state = 'finished'`))[0].n);
    await waitFor(async () => (await finished()) === 50, 60_000, 'all 50 tasks finished');

    // Invariant 2: one call per task attempt, one originate per call.
    expect(originates).toHaveLength(50);
    expect(new Set(originates.map((o) => o.callId)).size).toBe(50);
    const perTask: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM calls GROUP BY task_id`);
    expect(perTask.every((r) => r.n === 1)).toBe(true);
    // Invariant 1, seen by the stand-in and from the stored transitions: never more than 3 at once.
    expect(mostActive).toBeLessThanOrEqual(3);
    const [{ peak }]: Array<{ peak: number }> = await ds.query(`
      SELECT max(open)::int AS peak FROM (
        SELECT sum(CASE WHEN to_state = 'dialing' THEN 1 WHEN to_state IN ('ended', 'failed', 'no_answer', 'busy', 'cancelled') AND from_state IS DISTINCT FROM to_state THEN -1 ELSE 0 END)
                 OVER (ORDER BY at, seq) AS open
          FROM call_transitions WHERE organization_id = '${org}'
      ) x`);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBe(3); // the slots were really used
    // Invariant 3: every call ended once, and no slot is held afterwards.
    const ends: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM call_transitions WHERE organization_id = $1 AND to_state IN ('ended', 'failed', 'no_answer', 'busy', 'cancelled') AND from_state IS DISTINCT FROM to_state GROUP BY call_id`,
      [org],
    );
    expect(ends).toHaveLength(50);
    expect(ends.every((r) => r.n === 1)).toBe(true);
    // Every call went dialing → (ringing →) (in_progress →) ended through the machine — facts of different
    // subjects may overtake each other — and the late ones were kept as rejected transitions.
    const paths: Array<{ path: string; n: number }> = await ds.query(
      `SELECT path, count(*)::int AS n FROM (SELECT string_agg(to_state, '>' ORDER BY seq) FILTER (WHERE cause NOT LIKE 'rejected:%') AS path FROM call_transitions WHERE organization_id = $1 GROUP BY call_id) x GROUP BY path`,
      [org],
    );
    expect(paths.reduce((n, p) => n + p.n, 0)).toBe(50);
    for (const p of paths) expect(p.path).toMatch(/^dialing(>ringing)?(>in_progress)?>ended$/);
    await waitFor(async () => Number((await ds.query(`SELECT count(*)::int AS n FROM call_transitions WHERE organization_id = $1 AND cause LIKE 'rejected:%'`, [org]))[0].n) >= 50, 10_000, 'late facts kept');
    await expect(ds.query(`SELECT count(*)::int AS n FROM slot_leases`)).resolves.toEqual([{ n: 0 }]);
    // The dialer's own facts: one dialing and exactly one ended per call, one finished per task — all valid.
    const mine = (type: string) => dialerEvents.filter((e) => e.orgid === org && e.type === type);
    await waitFor(() => mine(Subjects.Dialer.TaskFinished).length === 50, 10_000, 'task.finished published');
    expect(mine(Subjects.Dialer.CallDialing)).toHaveLength(50);
    const ended = mine(Subjects.Dialer.CallEnded);
    expect(ended).toHaveLength(50);
    expect(new Set(ended.map((e) => e.data.callId)).size).toBe(50);
    expect(mine(Subjects.Dialer.TaskFinished).every((e) => e.data.outcome === 'succeeded' && e.data.attempts === 1)).toBe(true);
    for (const e of dialerEvents.filter((x) => x.orgid === org)) expect(validatePayload(e.type as never, e.data)).toMatchObject({ ok: true });
  });

  it('dials only inside the contact’s calling hours, never a DNC number, and retries only what the matrix asks', async () => {
    const ds = replicas[0]!.get(DataSource);
    const rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
    const other = randomUUID();
    const otherCampaign = randomUUID();
    await publishFor(other, Subjects.Gateway.OrganizationCreated, {
      organizationId: other, name: 'Shop', plan: 'free', limits: { concurrentSlots: 3, callsPerHour: 1000, minCreditsToStart: 10 }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
    });
    await waitFor(() => rpc.request(Rpc.Dialer.HotlineCreate, { organizationId: other, number: '+902125550001', label: 'Shop line' }).then(() => true, () => false), 10_000, 'hotline');
    await rpc.request(Rpc.Dialer.DncAdd, { organizationId: other, numbers: ['0555 300 00 02'] });
    await publishFor(other, Subjects.Campaign.CampaignStarted, {
      organizationId: other, campaignId: otherCampaign, name: 'Shop', totalContacts: 4,
      dialPlan: {
        agentId: randomUUID(), providerAccountId: account, fromNumber: '+902125550001', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z',
        callingWindows: [{ start: '00:00', end: '23:59' }], ringTimeoutSeconds: 30,
        retryPolicy: { maxAttemptsPerContact: 3, rules: [{ disposition: 'no_answer', delayMinutes: 60, maxAttempts: 2 }] },
      },
    });
    const hourNow = new Date().getUTCHours();
    const zoneAt = (localHour: number) => {
      const offset = ((localHour - hourNow + 36) % 24) - 12;
      return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    };
    const midday = zoneAt(12);
    const night = zoneAt(3);
    endFor.set('+905553000003', { status: 'no_answer', reason: 'no_answer', fault: 'customer', billable: false });
    const contacts = [
      { contactId: randomUUID(), to: '+905553000001', timeZone: night, timeZoneSource: 'given' }, // 03:00 there: postponed
      { contactId: randomUUID(), to: '+905553000002', timeZone: midday, timeZoneSource: 'given' }, // on the DNC list
      { contactId: randomUUID(), to: '+905553000003', timeZone: midday, timeZoneSource: 'given' }, // no answer: one retry later
      { contactId: randomUUID(), to: '+905553000004', timeZone: midday, timeZoneSource: 'given' }, // answered: done
    ];
    await publishFor(other, Subjects.Campaign.CallRequested, { organizationId: other, campaignId: otherCampaign, batchId: randomUUID(), contacts });
    const stateOf = async (to: string) =>
      ((await ds.query(`SELECT state, outcome, outcome_reason, not_before, attempt FROM call_tasks WHERE organization_id = $1 AND to_number = $2`, [other, to])) as Array<Record<string, unknown>>)[0];
    await waitFor(async () => (await stateOf('+905553000004'))?.state === 'finished' && (await stateOf('+905553000003'))?.state === 'retry_scheduled', 20_000, 'the answered one done, the unanswered one scheduled');
    await expect(stateOf('+905553000004')).resolves.toMatchObject({ state: 'finished', outcome: 'succeeded', attempt: 1 });
    const retry = await stateOf('+905553000003');
    expect(retry).toMatchObject({ state: 'retry_scheduled', attempt: 1 });
    expect(new Date(retry!.not_before as string).getTime()).toBeGreaterThanOrEqual(Date.now() + 55 * 60_000); // the matrix's 60 min
    await expect(stateOf('+905553000002')).resolves.toMatchObject({ state: 'finished', outcome: 'blocked', outcome_reason: 'dnc_blocked', attempt: 0 });
    const postponed = await stateOf('+905553000001');
    expect(postponed).toMatchObject({ state: 'pending', attempt: 0 });
    expect(new Date(postponed!.not_before as string).getTime()).toBeGreaterThan(Date.now() + 60 * 60_000); // opens at 09:00 there
    await waitFor(() => dialerEvents.some((e) => e.orgid === other && e.type === Subjects.Dialer.TaskRetryScheduled), 10_000, 'task.retry_scheduled published');
    expect(dialerEvents.find((e) => e.orgid === other && e.type === Subjects.Dialer.TaskRetryScheduled)?.data).toMatchObject({ disposition: 'no_answer', nextAttempt: 2 });
    const blocked = dialerEvents.filter((e) => e.orgid === other && e.type === Subjects.Dialer.TaskFinished && e.data.outcome === 'blocked');
    expect(blocked.map((e) => e.data)).toEqual([expect.objectContaining({ lastEndReason: 'dnc_blocked', attempts: 0 })]);
    const dialled = originates.filter((o) => o.organizationId === other).map((o) => o.to).sort();
    expect(dialled).toEqual(['+905553000003', '+905553000004']);
  });

  it('a call whose facts were all lost: its lease runs out, the watchdog ends it once, hangs it up, and the slot serves the next', async () => {
    const ds = replicas[0]!.get(DataSource);
    const rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
    const lost = randomUUID();
    const lostCampaign = randomUUID();
    silentOrgs.add(lost);
    await publishFor(lost, Subjects.Gateway.OrganizationCreated, {
      organizationId: lost, name: 'Lost', plan: 'free', limits: { concurrentSlots: 1, callsPerHour: 1000, minCreditsToStart: 10 }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
    });
    await waitFor(() => rpc.request(Rpc.Dialer.HotlineCreate, { organizationId: lost, number: '+902125550002', label: 'Lost line' }).then(() => true, () => false), 10_000, 'hotline');
    await publishFor(lost, Subjects.Campaign.CampaignStarted, {
      organizationId: lost, campaignId: lostCampaign, name: 'Lost', totalContacts: 2,
      dialPlan: {
        agentId: randomUUID(), providerAccountId: account, fromNumber: '+902125550002', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z',
        callingWindows: [{ start: '00:00', end: '23:59' }], ringTimeoutSeconds: 5, retryPolicy: { maxAttemptsPerContact: 1, rules: [] },
      },
    });
    const offset = 12 - new Date().getUTCHours();
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const contacts = [0, 1].map((i) => ({ contactId: randomUUID(), to: `+90555400000${i}`, timeZone: zone, timeZoneSource: 'given' }));
    await publishFor(lost, Subjects.Campaign.CallRequested, { organizationId: lost, campaignId: lostCampaign, batchId: randomUUID(), contacts });
    const ended = async () => (await ds.query(`SELECT call_id, state, end_reason->>'reason' AS reason FROM calls WHERE organization_id = $1 AND ended_at IS NOT NULL`, [lost])) as Array<{ call_id: string; state: string; reason: string }>;
    // One slot: the second contact is dialled only once the watchdog freed the first one's slot.
    await waitFor(async () => (await ended()).length === 2, 30_000, 'both silent calls ended by the watchdog');
    const calls = await ended();
    expect(calls.every((c) => c.reason === 'stuck_watchdog')).toBe(true);
    const ends: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM call_transitions WHERE organization_id = $1 AND cause = 'watchdog:lease_expired' GROUP BY call_id`,
      [lost],
    );
    expect(ends).toEqual([{ n: 1 }, { n: 1 }]);
    await waitFor(() => calls.every((c) => hangups.some((h) => h.callId === c.call_id && h.reason === 'stuck_watchdog')), 10_000, 'hung up at the provider');
    await expect(ds.query(`SELECT count(*)::int AS n FROM slot_leases WHERE organization_id = $1`, [lost])).resolves.toEqual([{ n: 0 }]);
  });
});
