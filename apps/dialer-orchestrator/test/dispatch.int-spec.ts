import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import { makeEnvelope, streamName, Subjects, type OriginateCallV1 } from '@santral/contracts';
import { connectNats, decodeJson } from '@santral/messaging';
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

  async function publish(type: string, data: object, time = new Date()): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/test', data, orgid: org, subject: campaign, time });
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  beforeAll(async () => {
    await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({
      DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: schema, SUBJECT_PREFIX: prefix, NODE_ENV: 'test', LOG_LEVEL: 'silent', DISPATCH_INTERVAL_MS: '200',
    });
    for (let i = 0; i < 2; i++) replicas.push(await bootTestService(dialerService, config, { rpc: i === 0 }));
    nc = await connectNats({ servers: testEnv.natsUrl });
    // The stand-in for the telephony-gateway: every originate ends 20–60 ms later, as completed.
    nc.subscribe(`${prefix}.${Subjects.Telephony.OriginateCall}`, {
      callback: (_err, msg) => {
        const cmd = (decodeJson(msg.data) as { data: OriginateCallV1 }).data;
        originates.push(cmd);
        active++;
        mostActive = Math.max(mostActive, active);
        setTimeout(() => {
          active--;
          void publish(Subjects.Telephony.CallEnded, {
            organizationId: org, callId: cmd.callId, providerAccountId: account, provider: 'simulator', providerCallId: `sim-${cmd.callId}`,
            direction: 'outbound', talkSeconds: 12, waitSeconds: 3, totalSeconds: 15, forwardedSeconds: 0,
            endReason: { status: 'ended', reason: 'completed', fault: 'none', billable: true }, isLost: false, tags: [],
          });
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
    const contacts = Array.from({ length: 50 }, (_, i) => ({ contactId: randomUUID(), to: `+90555${String(2000000 + i)}`, timeZoneSource: 'organization_default' }));
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
        SELECT sum(CASE WHEN to_state = 'dialing' THEN 1 ELSE -1 END) OVER (ORDER BY at, seq) AS open FROM call_transitions
      ) x`);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBe(3); // the slots were really used
    // Invariant 3: every call ended once, and no slot is held afterwards.
    const ends: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM call_transitions WHERE to_state <> 'dialing' GROUP BY call_id`);
    expect(ends).toHaveLength(50);
    expect(ends.every((r) => r.n === 1)).toBe(true);
    await expect(ds.query(`SELECT count(*)::int AS n FROM slot_leases`)).resolves.toEqual([{ n: 0 }]);
  });
});
