import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import { makeEnvelope, streamName, Subjects, validatePayload } from '@santral/contracts';
import { connectNats, decodeJson } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, deleteTestStreams, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { ticketingService } from '../src/app.module';

jest.setTimeout(60_000);

// F3 over real JetStream and Postgres: a missed call's ticket logs what became of the callback the
// dialer made for it (dialer.task.finished.v1 naming the missed call), whenever that arrives and
// however often. The telephony-gateway and the dialer are played by the test, publishing their events.
describe("ticketing: a missed call's callback outcome is logged on its ticket", () => {
  const schema = uniqueName('tk_cbo');
  const prefix = uniqueName('tcb');
  let app: NestFastifyApplication;
  let ds: DataSource;
  let nc: NatsConnection;
  const org = randomUUID();
  const operator = randomUUID();
  const account = randomUUID();
  const ticketEvents: Array<{ type: string; orgid: string; data: { ticketId: string; status: string; handset: string; callIds: string[]; changed?: string[]; previousStatus?: string } }> = [];

  async function publish(type: string, data: object, subject: string = org): Promise<void> {
    expect(validatePayload(type as never, data)).toMatchObject({ ok: true });
    const env = makeEnvelope({ type, source: 'santral/test', data, orgid: org, subject, time: new Date() });
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  const fact = (callId: string) => ({ organizationId: org, callId, providerAccountId: account, provider: 'callgear', providerCallId: `cg-${callId}` });
  const missedFacts = async (callId: string, from: string) => {
    await publish(Subjects.Telephony.InboundReceived, { ...fact(callId), from, rawFrom: from, to: '+902125550100' }, callId);
    await publish(Subjects.Telephony.CallEnded, {
      ...fact(callId), direction: 'inbound', talkSeconds: 0, waitSeconds: 15, totalSeconds: 15, forwardedSeconds: 0,
      endReason: { status: 'no_answer', reason: 'caller_abandoned', fault: 'customer', billable: false }, isLost: true, tags: [],
    }, callId);
  };
  /** The telephony facts of the callback's own call (the dialer's originate: no callee named, an operator on it). */
  const answeredCallbackCall = async (callId: string) => {
    await publish(Subjects.Telephony.CallAnswered, { ...fact(callId), answeredBy: 'human', operator: { providerEmployeeId: '4242', userId: operator } }, callId);
    await publish(Subjects.Telephony.CallEnded, {
      ...fact(callId), direction: 'outbound', talkSeconds: 40, waitSeconds: 5, totalSeconds: 45, forwardedSeconds: 0,
      endReason: { status: 'ended', reason: 'customer_hung_up', fault: 'none', billable: true }, isLost: false, tags: [], operator: { providerEmployeeId: '4242', userId: operator },
    }, callId);
    await publish(Subjects.Telephony.RecordingCompleted, { ...fact(callId), providerRecordingId: `rec-${callId}`, url: `https://rec.example.com/${callId}.wav`, durationSeconds: 40 }, callId);
  };
  const taskFinished = (taskId: string, data: object) => publish(Subjects.Dialer.TaskFinished, { organizationId: org, taskId, kind: 'callback', ...data }, taskId);

  const ticketOf = async (callId: string) =>
    ((await ds.query(
      `SELECT t.id, t.kind, t.status, t.handset, t.subject FROM tickets t JOIN ticket_calls c ON c.organization_id = t.organization_id AND c.ticket_id = t.id
        WHERE t.organization_id = $1 AND c.call_id = $2 AND c.operator_key = ''`,
      [org, callId],
    )) as Array<{ id: string; kind: string; status: string; handset: string; subject: string }>)[0];
  const messages = async (ticketId: string) =>
    (await ds.query(
      `SELECT kind, call_id, author_user_id, body, recording_url FROM ticket_messages WHERE organization_id = $1 AND ticket_id = $2 ORDER BY created_at, id`,
      [org, ticketId],
    )) as Array<{ kind: string; call_id: string | null; author_user_id: string | null; body: string | null; recording_url: string | null }>;
  const callIds = async (ticketId: string) =>
    ((await ds.query(`SELECT DISTINCT call_id FROM ticket_calls WHERE organization_id = $1 AND ticket_id = $2 ORDER BY call_id`, [org, ticketId])) as Array<{ call_id: string }>).map((r) => r.call_id);
  const eventsOf = (ticketId: string) => ticketEvents.filter((e) => e.data.ticketId === ticketId);
  /** Long enough for a redelivered or late event to have been applied. */
  const settle = () => new Promise((r) => setTimeout(r, 800));

  beforeAll(async () => {
    await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(ticketingService), migrations: serviceMigrations(ticketingService) });
    const config = ticketingService.loadConfig({ DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: schema, SUBJECT_PREFIX: prefix, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = await bootTestService(ticketingService, config, { rpc: true });
    ds = app.get(DataSource);
    nc = await connectNats({ servers: testEnv.natsUrl });
    nc.subscribe(`${prefix}.ticketing.ticket.>`, { callback: (_e, msg) => void ticketEvents.push(decodeJson(msg.data) as (typeof ticketEvents)[number]) });
    await publish(Subjects.Gateway.OrganizationCreated, {
      organizationId: org, name: 'Clinic', plan: 'business', limits: { concurrentSlots: 5, reservedInboundSlots: 0, callsPerHour: 1000, minCreditsToStart: 10 },
      defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
    });
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await dropSchema(testEnv.databaseUrl, schema);
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
  });

  it('§13, §18 c (J9, J10): an answered callback, its end delivered twice → the callback call on the ticket once, with its operator and recording; pending, handset green', async () => {
    const missed = randomUUID();
    const callback = randomUUID();
    const task = randomUUID();
    await missedFacts(missed, '+905551240005');
    const ticket = await waitFor(() => ticketOf(missed), 15_000, 'missed ticket');
    expect(ticket).toMatchObject({ kind: 'missed_call', status: 'open', handset: 'red', subject: 'Missed incoming call from +905551240005' });
    await answeredCallbackCall(callback);
    // The callback's own call alone makes no ticket (it is no click-to-call from a ticket, and names no callee).
    await settle();
    expect(((await ds.query(`SELECT count(*)::int AS n FROM ticket_calls WHERE organization_id = $1 AND call_id = $2`, [org, callback])) as Array<{ n: number }>)[0]!.n).toBe(0);

    const finished = { taskId: task, sourceCallId: missed, outcome: 'succeeded', attempts: 1, lastCallId: callback, lastEndReason: 'customer_hung_up' };
    await taskFinished(task, finished);
    await taskFinished(task, finished);
    await waitFor(async () => (await ticketOf(missed))?.status === 'pending', 15_000, 'ticket pending');
    await settle();
    expect(await ticketOf(missed)).toMatchObject({ id: ticket!.id, status: 'pending', handset: 'green' });
    expect(await callIds(ticket!.id)).toEqual([missed, callback].sort());
    expect(await messages(ticket!.id)).toEqual([
      { kind: 'missed_call', call_id: missed, author_user_id: null, body: null, recording_url: null },
      { kind: 'call', call_id: callback, author_user_id: operator, body: `Callback answered (call ${callback})`, recording_url: `https://rec.example.com/${callback}.wav` },
    ]);
    await waitFor(() => eventsOf(ticket!.id).length === 2, 10_000, 'ticket events');
    expect(eventsOf(ticket!.id).map((e) => [e.type, e.data.status, e.data.handset, e.data.previousStatus])).toEqual([
      [Subjects.Ticketing.TicketCreated, 'open', 'red', undefined],
      [Subjects.Ticketing.TicketUpdated, 'pending', 'green', 'open'],
    ]);
    expect(eventsOf(ticket!.id)[1]!.data).toMatchObject({ callIds: [missed, callback], changed: expect.arrayContaining(['status', 'handset', 'callIds']) });
  });

  it('§17 (J5, J10): an unanswered callback → its attempt on the ticket, which stays open and red', async () => {
    const missed = randomUUID();
    const callback = randomUUID();
    const task = randomUUID();
    await missedFacts(missed, '+905551250002');
    const ticket = await waitFor(() => ticketOf(missed), 15_000, 'missed ticket');
    await taskFinished(task, { taskId: task, sourceCallId: missed, outcome: 'failed', attempts: 1, lastCallId: callback, lastEndReason: 'no_answer' });
    await waitFor(async () => (await messages(ticket!.id)).length === 2, 15_000, 'attempt logged');
    await settle();
    expect(await ticketOf(missed)).toMatchObject({ status: 'open', handset: 'red' });
    expect((await messages(ticket!.id))[1]).toEqual({ kind: 'attempt', call_id: callback, author_user_id: null, body: 'Callback not answered after 1 attempt (no_answer)', recording_url: null });
    await waitFor(() => eventsOf(ticket!.id).length === 2, 10_000, 'ticket events');
    expect(eventsOf(ticket!.id)[1]).toMatchObject({ type: Subjects.Ticketing.TicketUpdated, data: { status: 'open', handset: 'red', changed: ['callIds'] } });
  });

  it("the callback's end before the missed call's facts (cancelled), and twice → the same ticket once they arrive, one line", async () => {
    const missed = randomUUID();
    const callback = randomUUID();
    const task = randomUUID();
    const finished = { taskId: task, sourceCallId: missed, outcome: 'cancelled', attempts: 0, lastCallId: callback, lastEndReason: 'cancelled_by_user' };
    await taskFinished(task, finished);
    await taskFinished(task, finished);
    await settle();
    expect(await ticketOf(missed)).toBeUndefined();
    await missedFacts(missed, '+905551260002');
    const ticket = await waitFor(async () => {
      const t = await ticketOf(missed);
      return t && (await messages(t.id)).length === 2 ? t : undefined;
    }, 15_000, 'ticket with the callback logged');
    await taskFinished(task, finished);
    await settle();
    expect(await ticketOf(missed)).toMatchObject({ kind: 'missed_call', status: 'open', handset: 'red' });
    // The line carries the callback's own time, here before the missed call's: compared by kind.
    expect((await messages(ticket!.id)).sort((x, y) => (x.kind < y.kind ? 1 : -1))).toEqual([
      { kind: 'missed_call', call_id: missed, author_user_id: null, body: null, recording_url: null },
      { kind: 'attempt', call_id: callback, author_user_id: null, body: 'Callback cancelled', recording_url: null },
    ]);
    expect(await callIds(ticket!.id)).toEqual([missed, callback].sort());
    expect(((await ds.query(`SELECT count(*)::int AS n FROM tickets WHERE organization_id = $1 AND caller_number = '+905551260002'`, [org])) as Array<{ n: number }>)[0]!.n).toBe(1);
  });

  it('a callback refused at dispatch (DNC) leaves its line, the ticket unchanged; other tasks are not for ticketing', async () => {
    const missed = randomUUID();
    const task = randomUUID();
    await missedFacts(missed, '+905551270002');
    const ticket = await waitFor(() => ticketOf(missed), 15_000, 'missed ticket');
    await taskFinished(task, { taskId: task, sourceCallId: missed, outcome: 'blocked', attempts: 0, errorCode: 'TO_NUMBER_NOT_ALLOWS_CALLOUT' });
    // A click-to-call task finishing (no source call) is ignored.
    const other = randomUUID();
    await publish(Subjects.Dialer.TaskFinished, { organizationId: org, taskId: other, kind: 'click_to_call', outcome: 'succeeded', attempts: 1, lastCallId: randomUUID() }, other);
    await waitFor(async () => (await messages(ticket!.id)).length === 2, 15_000, 'refusal logged');
    await settle();
    expect((await messages(ticket!.id))[1]).toEqual({ kind: 'attempt', call_id: null, author_user_id: null, body: 'Callback blocked (TO_NUMBER_NOT_ALLOWS_CALLOUT)', recording_url: null });
    expect(await ticketOf(missed)).toMatchObject({ status: 'open', handset: 'red' });
    expect(eventsOf(ticket!.id)).toHaveLength(1);
  });
});
