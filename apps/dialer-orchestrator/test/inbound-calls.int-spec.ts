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

jest.setTimeout(60_000);

// Inbound calls in the dialer (E1, A2, F3), over real JetStream and Postgres: an inbound call takes
// a slot (reserved inbound ones too, which outbound never takes), is refused when every slot is held,
// and a missed one leaves exactly one callback task. The telephony-gateway is played by the test.
describe('dialer: inbound calls take slots, outbound never takes the inbound reserve, missed calls leave a callback', () => {
  const schema = uniqueName('dlr_in');
  const prefix = uniqueName('din');
  let app: NestFastifyApplication;
  let ds: DataSource;
  let nc: NatsConnection;
  const account = randomUUID();
  const originates: OriginateCallV1[] = [];
  const hangups: Array<{ callId: string; reason: string }> = [];
  const dialerEvents: Array<{ type: string; orgid: string; data: Record<string, unknown> }> = [];

  async function publish(orgid: string, type: string, data: object): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/test', data, orgid, subject: orgid, time: new Date() });
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  /** An organization with `slots` slots, `reserved` of them for inbound calls, that the dialer knows. */
  async function organization(slots: number, reserved: number): Promise<string> {
    const org = randomUUID();
    await publish(org, Subjects.Gateway.OrganizationCreated, {
      organizationId: org, name: 'Clinic', plan: 'free', limits: { concurrentSlots: slots, reservedInboundSlots: reserved, callsPerHour: 1000, minCreditsToStart: 10 },
      defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
    });
    const rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
    await waitFor(async () => (await rpc.request(Rpc.Dialer.SettingsGet, { organizationId: org }).catch(() => null))?.concurrentSlots === slots, 10_000, 'dialer knows the organization');
    return org;
  }

  const fact = (org: string, callId: string) => ({ organizationId: org, callId, providerAccountId: account, provider: 'simulator', providerCallId: `sim-${callId}` });
  const received = (org: string, callId: string, from?: string) =>
    publish(org, Subjects.Telephony.InboundReceived, { ...fact(org, callId), ...(from ? { from } : {}), rawFrom: from ?? 'anonymous', to: '+902125550000' });
  const ended = (org: string, callId: string, how: 'talked' | 'missed') =>
    publish(org, Subjects.Telephony.CallEnded, {
      ...fact(org, callId), direction: 'inbound', talkSeconds: how === 'talked' ? 30 : 0, waitSeconds: 8, totalSeconds: how === 'talked' ? 38 : 8, forwardedSeconds: 0,
      endReason: how === 'talked' ? { status: 'ended', reason: 'customer_hung_up', fault: 'none', billable: true } : { status: 'no_answer', reason: 'caller_abandoned', fault: 'customer', billable: false },
      isLost: how === 'missed', tags: [],
    });
  const call = async (callId: string) =>
    ((await ds.query(`SELECT direction, kind, state, slot_no, from_number, end_reason->>'reason' AS reason FROM calls WHERE call_id = $1`, [callId])) as Array<Record<string, unknown>>)[0];
  const leases = async (org: string) => (await ds.query(`SELECT call_id, kind, slot_no FROM slot_leases WHERE organization_id = $1 ORDER BY slot_no`, [org])) as Array<{ call_id: string; kind: string; slot_no: number }>;
  const callbacks = async (org: string) =>
    (await ds.query(`SELECT id, to_number, source_call_id, state, plan FROM call_tasks WHERE organization_id = $1 AND kind = 'callback'`, [org])) as Array<{ id: string; to_number: string; source_call_id: string; state: string; plan: Record<string, unknown> }>;
  const mine = (org: string, type: string) => dialerEvents.filter((e) => e.orgid === org && e.type === type);

  beforeAll(async () => {
    await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({
      DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: schema, SUBJECT_PREFIX: prefix, NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered', LOG_LEVEL: 'silent', DISPATCH_INTERVAL_MS: '200', WATCHDOG_INTERVAL_MS: '0',
    });
    app = await bootTestService(dialerService, config, { rpc: true });
    ds = app.get(DataSource);
    nc = await connectNats({ servers: testEnv.natsUrl });
    nc.subscribe(`${prefix}.dialer.>`, { callback: (_e, msg) => void dialerEvents.push(decodeJson(msg.data) as { type: string; orgid: string; data: Record<string, unknown> }) });
    nc.subscribe(`${prefix}.${Subjects.Telephony.HangupCall}`, { callback: (_e, msg) => void hangups.push((decodeJson(msg.data) as { data: { callId: string; reason: string } }).data) });
    // Outbound calls stay up: nobody answers the originate commands with an end.
    nc.subscribe(`${prefix}.${Subjects.Telephony.OriginateCall}`, { callback: (_e, msg) => void originates.push((decodeJson(msg.data) as { data: OriginateCallV1 }).data) });
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await dropSchema(testEnv.databaseUrl, schema);
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
  });

  it('an inbound call takes a slot once however often its fact is delivered, rings with dialer.call.ringing, and frees the slot when it ends', async () => {
    const org = await organization(2, 0);
    const callId = randomUUID();
    await received(org, callId, '+905321112233');
    await received(org, callId, '+905321112233');
    await waitFor(async () => (await call(callId))?.state === 'ringing', 10_000, 'inbound call stored');
    // The answer may overtake nothing here; a duplicate answered is rejected by the machine and kept.
    await publish(org, Subjects.Telephony.CallAnswered, { ...fact(org, callId), answeredBy: 'human' });
    await waitFor(async () => (await call(callId))?.state === 'in_progress', 10_000, 'answered');
    await expect(call(callId)).resolves.toMatchObject({ direction: 'inbound', kind: 'inbound', from_number: '+905321112233' });
    expect(await leases(org)).toEqual([{ call_id: callId, kind: 'inbound', slot_no: expect.any(Number) }]);
    await waitFor(() => mine(org, Subjects.Dialer.CallRinging).length === 1, 10_000, 'ringing published');
    await ended(org, callId, 'talked');
    await ended(org, callId, 'talked');
    await waitFor(async () => (await call(callId))?.state === 'ended', 10_000, 'ended');
    expect(await leases(org)).toEqual([]);
    await waitFor(() => mine(org, Subjects.Dialer.CallEnded).length === 1, 10_000, 'ended published');
    await new Promise((r) => setTimeout(r, 300)); // a redelivered end would have been applied by now
    expect(mine(org, Subjects.Dialer.CallEnded)).toHaveLength(1);
    expect(mine(org, Subjects.Dialer.CallEnded)[0]!.data).toMatchObject({ direction: 'inbound', kind: 'inbound', state: 'ended', from: '+905321112233' });
    expect(mine(org, Subjects.Dialer.CallRinging)).toHaveLength(1);
    // A call that was talked to leaves no callback.
    expect(await callbacks(org)).toEqual([]);
    for (const e of dialerEvents.filter((x) => x.orgid === org)) expect(validatePayload(e.type as never, e.data)).toMatchObject({ ok: true });
  });

  it('outbound calls never take the reserved inbound slot; an inbound call does; one more inbound call is refused and hung up, never over the slots', async () => {
    const org = await organization(2, 1);
    const campaignId = randomUUID();
    await publish(org, Subjects.Campaign.CampaignStarted, {
      organizationId: org, campaignId, name: 'Renewals', totalContacts: 5,
      dialPlan: {
        agentId: randomUUID(), providerAccountId: account, fromNumber: '+902125550000', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2099-01-01T00:00:00.000Z',
        callingWindows: [{ start: '00:00', end: '23:59' }], retryPolicy: { maxAttemptsPerContact: 1, rules: [] }, ringTimeoutSeconds: 30,
      },
    });
    const rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
    await rpc.request(Rpc.Dialer.HotlineCreate, { organizationId: org, number: '+902125550000', label: 'Main line', outboundAllowed: true });
    const offset = 12 - new Date().getUTCHours();
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const contacts = Array.from({ length: 5 }, (_, i) => ({ contactId: randomUUID(), to: `+90555600000${i}`, timeZone: zone, timeZoneSource: 'given' }));
    await publish(org, Subjects.Campaign.CallRequested, { organizationId: org, campaignId, batchId: randomUUID(), contacts });
    await waitFor(() => originates.filter((o) => o.organizationId === org).length === 1, 10_000, 'one outbound call dialled');
    await new Promise((r) => setTimeout(r, 1000)); // a few dispatch passes: the reserved slot stays free
    expect(originates.filter((o) => o.organizationId === org)).toHaveLength(1);
    expect((await leases(org)).map((l) => l.kind)).toEqual(['outbound']);

    const admitted = randomUUID();
    await received(org, admitted, '+905321110001');
    await waitFor(async () => (await leases(org)).length === 2, 10_000, 'the inbound call takes the reserved slot');
    expect((await leases(org)).map((l) => l.kind).sort()).toEqual(['inbound', 'outbound']);

    const refused = randomUUID();
    await received(org, refused, '+905321110002');
    await waitFor(async () => (await call(refused))?.state === 'failed', 10_000, 'refused');
    await expect(call(refused)).resolves.toMatchObject({ reason: 'capacity_exceeded', slot_no: 0 });
    await waitFor(() => hangups.some((h) => h.callId === refused && h.reason === 'capacity_exceeded'), 10_000, 'hung up at the provider');
    expect(await leases(org)).toHaveLength(2);
    // Refused is missed: the caller gets a callback.
    expect((await callbacks(org)).map((c) => [c.to_number, c.source_call_id])).toEqual([['+905321110002', refused]]);
    // The freed inbound slot is not taken by the waiting outbound tasks.
    await ended(org, admitted, 'talked');
    await waitFor(async () => (await leases(org)).length === 1, 10_000, 'inbound slot freed');
    await new Promise((r) => setTimeout(r, 800));
    expect(originates.filter((o) => o.organizationId === org)).toHaveLength(1);
  });

  it('a missed call leaves exactly one callback (redelivered, and a second missed call from the same caller), announced with dialer.task.created; a withheld caller none', async () => {
    const org = await organization(3, 0);
    const first = randomUUID();
    const second = randomUUID();
    const withheld = randomUUID();
    // The end overtakes nothing; answered-for-an-unknown-call first is ignored (the call is not known yet).
    await publish(org, Subjects.Telephony.CallAnswered, { ...fact(org, first), answeredBy: 'human' });
    await received(org, first, '+905327778899');
    await received(org, withheld);
    await waitFor(async () => (await call(first))?.state === 'ringing' && (await call(withheld))?.state === 'ringing', 10_000, 'both ringing');
    await ended(org, first, 'missed');
    await ended(org, first, 'missed');
    await ended(org, withheld, 'missed');
    await waitFor(async () => (await call(first))?.state === 'no_answer' && (await call(withheld))?.state === 'no_answer', 10_000, 'both missed');
    await received(org, second, '+905327778899');
    await waitFor(async () => (await call(second))?.state === 'ringing', 10_000, 'second ringing');
    await ended(org, second, 'missed');
    await waitFor(async () => (await call(second))?.state === 'no_answer', 10_000, 'second missed');

    const tasks = await callbacks(org);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ to_number: '+905327778899', source_call_id: first, state: 'pending', plan: { fromNumber: '+902125550000', providerAccountId: account } });
    await waitFor(() => mine(org, Subjects.Dialer.TaskCreated).length === 1, 10_000, 'task.created published');
    expect(mine(org, Subjects.Dialer.TaskCreated)[0]!.data).toMatchObject({ kind: 'callback', sourceCallId: first, tasks: [{ taskId: tasks[0]!.id, to: '+905327778899' }] });
    expect(await leases(org)).toEqual([]);
    // Nobody has taken the callback: it is not dialled by itself.
    await new Promise((r) => setTimeout(r, 600));
    expect(originates.filter((o) => o.organizationId === org)).toEqual([]);

    // Cancelled before anyone took it: its dialer.task.finished names the missed call, whose ticket logs the outcome.
    const [{ first_call_id: callbackCallId }] = (await ds.query(`SELECT first_call_id FROM call_tasks WHERE id = $1`, [tasks[0]!.id])) as Array<{ first_call_id: string }>;
    const rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
    await expect(rpc.request(Rpc.Dialer.CallHangup, { organizationId: org, callId: callbackCallId! })).resolves.toMatchObject({ state: 'cancelled' });
    await waitFor(() => mine(org, Subjects.Dialer.TaskFinished).length === 1, 10_000, 'task.finished published');
    const finished = mine(org, Subjects.Dialer.TaskFinished)[0]!.data;
    expect(finished).toEqual({
      organizationId: org, taskId: tasks[0]!.id, kind: 'callback', sourceCallId: first, outcome: 'cancelled', attempts: 0, lastCallId: callbackCallId, lastEndReason: 'cancelled_by_user',
    });
    expect(validatePayload(Subjects.Dialer.TaskFinished, finished)).toMatchObject({ ok: true });
  });
});
