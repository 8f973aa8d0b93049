import { once } from 'node:events';
import { request as httpGet } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { EventSource } from 'eventsource';
import { DialerSubjects, makeEnvelope, streamName, TelephonySubjects, TicketingSubjects } from '@santral/contracts';
import { connectNats, EventPublisher } from '@santral/messaging';
import { testEnv, waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { LiveEventFeed } from '../apps/api-gateway/src/events-stream/live-event-feed';

// The live event stream against listening gateways (app.listen, not inject), read by a real
// EventSource client; events go onto JetStream as the ticketing, dialer and telephony services
// publish them (an envelope on `<prefix>.<type>`, captured by the events stream).

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  at: number;
}

let gw: Gateway;
let gw2: Gateway;
/** A third replica with a 4 KiB buffer bound and 3-message resumes, for the slow client, the resume window and the shutdown. */
let gw3: Gateway | undefined;
let nc: NatsConnection;
let js: JetStreamClient;
const urls: string[] = [];
const open: EventSource[] = [];
let orgA: { id: string; key: string };
let orgB: { id: string; key: string };
let op1: string;
let op2: string;
let supervisorUser: string;

const STREAM_TYPES = [
  TelephonySubjects.InboundReceived,
  TicketingSubjects.CustomerMatched,
  DialerSubjects.CallRinging,
  DialerSubjects.CallAnswered,
  DialerSubjects.CallForwarding,
  DialerSubjects.CallEnded,
  TicketingSubjects.TicketCreated,
  TicketingSubjects.TicketUpdated,
];

async function listen(g: Gateway): Promise<string> {
  await g.app.listen(0, '127.0.0.1');
  const address = g.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

async function createUser(key: string, role: string, email: string): Promise<string> {
  const res = await gw.request({ method: 'POST', url: '/v1/users', key, body: { name: email, email, role } });
  if (res.statusCode !== 201) throw new Error(`user: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

async function tokenFor(key: string, userId?: string, g: Gateway = gw): Promise<string> {
  const res = await g.request({ method: 'POST', url: '/v1/events/stream-tokens', key, body: userId ? { userId } : {} });
  if (res.statusCode !== 201) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

/** A real EventSource on `base`; resolves once the stream is open. */
async function openStream(base: string, token: string, opts: { lastEventId?: string; query?: string } = {}): Promise<{ es: EventSource; events: Received[] }> {
  const events: Received[] = [];
  const url = `${base}/v1/events/stream?token=${encodeURIComponent(token)}${opts.query ?? ''}`;
  const es = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers ?? {}), ...(opts.lastEventId ? { 'Last-Event-ID': opts.lastEventId } : {}) } }),
  });
  open.push(es);
  for (const type of [...STREAM_TYPES, 'gap', 'position']) {
    es.addEventListener(type, (e: MessageEvent) => events.push({ id: e.lastEventId, type, data: JSON.parse(e.data) as Record<string, unknown>, at: performance.now() }));
  }
  await new Promise<void>((resolve, reject) => {
    es.onopen = () => resolve();
    es.onerror = (e) => reject(new Error(`EventSource error ${(e as { code?: number }).code ?? ''} ${(e as { message?: string }).message ?? ''}`));
  });
  es.onerror = null;
  return { es, events };
}

/** Publishes an event onto the events stream as its producing service would; returns its stream sequence. */
async function publish(type: string, orgid: string, data: Record<string, unknown>): Promise<number> {
  const source = type.startsWith('ticketing') ? 'santral/ticketing' : type.startsWith('dialer') ? 'santral/dialer-orchestrator' : 'santral/telephony-gateway';
  const envelope = makeEnvelope({ type, source, data, orgid });
  const ack = await js.publish(`${gw.subjectPrefix}.${type}`, JSON.stringify(envelope), { msgID: envelope.id });
  return ack.seq;
}

const uuid = () => crypto.randomUUID();

function matched(orgId: string, operatorUserIds: string[], callId = uuid()) {
  return {
    organizationId: orgId,
    callId,
    phone: '+905321234567',
    matched: true,
    customer: { customerId: uuid(), name: 'Ayşe Yılmaz', phones: ['+905321234567'], openTicketCount: 1 },
    operatorUserIds,
  };
}

function ticket(orgId: string) {
  return { organizationId: orgId, ticketId: uuid(), kind: 'call', status: 'open', handset: 'red', subject: 'Incoming call from +905321234567', callIds: [] };
}

/** Publishes a marker to the organization and waits until `events` has it: everything published before it has had its chance to arrive. */
const streamed = (events: Received[]) => events.filter((e) => e.type !== 'position');

async function barrier(orgId: string, ...streams: Received[][]): Promise<void> {
  const data = ticket(orgId);
  await publish(TicketingSubjects.TicketCreated, orgId, data);
  for (const events of streams) await waitFor(() => events.some((e) => e.data.ticketId === data.ticketId), 5000, 'barrier event');
}

beforeAll(async () => {
  gw = await startGateway('gw_sse', { EVENTS_STREAM_HEARTBEAT_MS: '200', EVENTS_STREAM_MAX_CONNECTIONS_PER_ORG: '6' });
  // A second replica: same database schema and the same events stream, its own connections; 5 s tokens.
  gw2 = await startGateway('gw_sse2', { DATABASE_URL: gw.db.url, DB_SCHEMA: gw.db.schema, SUBJECT_PREFIX: gw.subjectPrefix, EVENTS_STREAM_TOKEN_TTL_SECONDS: '5' });
  // It only serves streams (tokens come from the others): a small pool, the shared Postgres has other tests' too.
  gw3 = await startGateway('gw_sse3', { DATABASE_URL: gw.db.url, DB_SCHEMA: gw.db.schema, SUBJECT_PREFIX: gw.subjectPrefix, EVENTS_STREAM_MAX_BUFFERED_BYTES: '4096', EVENTS_STREAM_RESUME_MAX_MESSAGES: '3', DB_POOL_SIZE: '2' });
  urls.push(await listen(gw), await listen(gw2), await listen(gw3));
  nc = await connectNats({ servers: testEnv.natsUrl, name: 'events-stream-test' });
  js = jetstream(nc);
  orgA = await gw.createOrg();
  orgB = await gw.createOrg({ name: 'Other' });
  op1 = await createUser(orgA.key, 'operator', 'op1@example.com');
  op2 = await createUser(orgA.key, 'operator', 'op2@example.com');
  supervisorUser = await createUser(orgA.key, 'supervisor', 'sup@example.com');
}, 60_000);

afterEach(() => {
  for (const es of open.splice(0)) es.close();
});

afterAll(async () => {
  await nc?.close();
  await gw3?.close();
  await gw2?.close();
  await gw?.close();
});

describe('GET /v1/events/stream', () => {
  it('pops the screen of the operator a call is offered to within 1 s of the fact reaching the events stream', async () => {
    const { events } = await openStream(urls[0], await tokenFor(orgA.key, op1));
    const data = matched(orgA.id, [op1]);
    const published = performance.now();
    const seq = await publish(TicketingSubjects.CustomerMatched, orgA.id, data);
    const pop = await waitFor(() => events.find((e) => e.type === TicketingSubjects.CustomerMatched), 1000, 'screen-pop within 1 s');
    expect(pop).toEqual({ id: String(seq), type: TicketingSubjects.CustomerMatched, data, at: expect.any(Number) });
    process.stdout.write(`screen-pop: published → EventSource message in ${(pop.at - published).toFixed(1)} ms\n`);
  });

  it('pops the screen within 1 s of the ticketing service committing the fact to its outbox (relay → JetStream → stream)', async () => {
    const { events } = await openStream(urls[1], await tokenFor(orgA.key, op1));
    // The outbox and relay every service has (libs/messaging), here on the gateway's own tables, with ticketing's source.
    const ticketing = new EventPublisher(gw.db.dataSource, 'santral/ticketing', gw.subjectPrefix);
    const data = matched(orgA.id, [op1]);
    const committed = performance.now();
    const envelope = await ticketing.publish(TicketingSubjects.CustomerMatched, data, { orgid: orgA.id, subject: data.callId });
    const pop = await waitFor(() => events.find((e) => e.type === TicketingSubjects.CustomerMatched), 1000, 'screen-pop within 1 s');
    expect(pop.data).toEqual(data);
    expect(envelope.type).toBe(TicketingSubjects.CustomerMatched);
    process.stdout.write(`screen-pop: outbox commit → EventSource message in ${(pop.at - committed).toFixed(1)} ms\n`);
  });

  it('sends an operator only their own screen-pops (and those offered to everyone); supervisors and organization-wide streams get all', async () => {
    const one = await openStream(urls[0], await tokenFor(orgA.key, op1));
    const two = await openStream(urls[0], await tokenFor(orgA.key, op2));
    const sup = await openStream(urls[0], await tokenFor(orgA.key, supervisorUser));
    const wall = await openStream(urls[0], await tokenFor(orgA.key));
    const forTwo = matched(orgA.id, [op2]);
    const forAll = matched(orgA.id, []);
    await publish(TicketingSubjects.CustomerMatched, orgA.id, forTwo);
    await publish(TicketingSubjects.CustomerMatched, orgA.id, forAll);
    await barrier(orgA.id, one.events, two.events, sup.events, wall.events);
    const pops = (events: Received[]) => events.filter((e) => e.type === TicketingSubjects.CustomerMatched).map((e) => e.data.callId);
    expect(pops(one.events)).toEqual([forAll.callId]);
    expect(pops(two.events)).toEqual([forTwo.callId, forAll.callId]);
    expect(pops(sup.events)).toEqual([forTwo.callId, forAll.callId]);
    expect(pops(wall.events)).toEqual([forTwo.callId, forAll.callId]);
  });

  it('carries call state and ticket changes, and nothing of another organization', async () => {
    const a = await openStream(urls[0], await tokenFor(orgA.key, op1));
    const b = await openStream(urls[0], await tokenFor(orgB.key));
    const callId = uuid();
    const types = [TelephonySubjects.InboundReceived, DialerSubjects.CallRinging, DialerSubjects.CallAnswered, DialerSubjects.CallForwarding, DialerSubjects.CallEnded, TicketingSubjects.TicketUpdated];
    for (const type of types) await publish(type, orgA.id, { organizationId: orgA.id, callId });
    await publish(TicketingSubjects.CustomerMatched, orgA.id, matched(orgA.id, []));
    // Not streamed at all: a type outside the list.
    await publish(DialerSubjects.TaskCreated, orgA.id, { organizationId: orgA.id, callId });
    await barrier(orgA.id, a.events);
    await barrier(orgB.id, b.events);
    expect(streamed(a.events).map((e) => e.type)).toEqual([...types, TicketingSubjects.CustomerMatched, TicketingSubjects.TicketCreated]);
    expect(streamed(b.events).map((e) => e.type)).toEqual([TicketingSubjects.TicketCreated]);
    expect(streamed(b.events).every((e) => e.data.organizationId === orgB.id)).toBe(true);
  });

  it('sends an event published twice once (by the stream\'s duplicate window, or past it by its envelope id), and facts in the order they came', async () => {
    const s = await openStream(urls[0], await tokenFor(orgA.key, op1));
    const callId = uuid();
    const ended = makeEnvelope({ type: DialerSubjects.CallEnded, source: 'santral/dialer-orchestrator', data: { organizationId: orgA.id, callId }, orgid: orgA.id });
    const subject = `${gw.subjectPrefix}.${DialerSubjects.CallEnded}`;
    await js.publish(subject, JSON.stringify(ended), { msgID: ended.id });
    await js.publish(subject, JSON.stringify(ended), { msgID: ended.id }); // dropped by the stream
    await js.publish(subject, JSON.stringify(ended), { msgID: `${ended.id}-relayed-again` }); // stored again: a relay past the window
    await publish(DialerSubjects.CallAnswered, orgA.id, { organizationId: orgA.id, callId }); // late: after the end
    await barrier(orgA.id, s.events);
    expect(streamed(s.events).map((e) => e.type)).toEqual([DialerSubjects.CallEnded, DialerSubjects.CallAnswered, TicketingSubjects.TicketCreated]);
  });

  it('resumes after Last-Event-ID with exactly the missed events, then goes on live, nothing twice', async () => {
    const first = await openStream(urls[0], await tokenFor(orgA.key, op1));
    const before = ticket(orgA.id);
    const seen = await publish(TicketingSubjects.TicketCreated, orgA.id, before);
    await waitFor(() => first.events.some((e) => e.id === String(seen)), 5000, 'first event');
    first.es.close();
    const missed = [ticket(orgA.id), ticket(orgA.id), ticket(orgA.id)];
    const missedSeqs: number[] = [];
    for (const t of missed) {
      missedSeqs.push(await publish(TicketingSubjects.TicketCreated, orgA.id, t));
      await publish(TicketingSubjects.TicketCreated, orgB.id, ticket(orgB.id));
    }
    // On the other replica, as a browser reconnecting through a load balancer would.
    const again = await openStream(urls[1], await tokenFor(orgA.key, op1), { lastEventId: String(seen) });
    const after = ticket(orgA.id);
    const afterSeq = await publish(TicketingSubjects.TicketCreated, orgA.id, after);
    await waitFor(() => again.events.some((e) => e.id === String(afterSeq)), 5000, 'live event after the resume');
    expect(streamed(again.events).map((e) => Number(e.id))).toEqual([...missedSeqs, afterSeq]);
    expect(streamed(again.events).map((e) => e.data.ticketId)).toEqual([...missed.map((t) => t.ticketId), after.ticketId]);

    // `?lastEventId=` does the same for a client that reconnects with a fresh token.
    const viaQuery = await openStream(urls[0], await tokenFor(orgA.key, op1), { query: `&lastEventId=${missedSeqs[1]}` });
    await waitFor(() => streamed(viaQuery.events).length >= 2, 5000, 'resumed by query');
    await barrier(orgA.id, viaQuery.events);
    expect(streamed(viaQuery.events).slice(0, 2).map((e) => Number(e.id))).toEqual([missedSeqs[2], afterSeq]);
    expect(new Set(streamed(viaQuery.events).map((e) => e.id)).size).toBe(streamed(viaQuery.events).length);
  });

  it('sends a gap event when asked to resume after an id the stream never had', async () => {
    const s = await openStream(urls[0], await tokenFor(orgA.key, op1), { lastEventId: '999999999' });
    await waitFor(() => s.events.some((e) => e.type === 'gap'), 5000, 'gap event');
    expect(streamed(s.events)[0]).toMatchObject({ type: 'gap', data: { requestedAfter: 999999999, reason: 'unknown' } });
    await barrier(orgA.id, s.events);
  });

  it('serves each replica its own connections: an event reaches a stream on either gateway', async () => {
    const on1 = await openStream(urls[0], await tokenFor(orgA.key, op1));
    const on2 = await openStream(urls[1], await tokenFor(orgA.key, op1, gw2));
    const data = matched(orgA.id, [op1]);
    const seq = await publish(TicketingSubjects.CustomerMatched, orgA.id, data);
    for (const s of [on1, on2]) await waitFor(() => s.events.some((e) => e.id === String(seq) && e.data.callId === data.callId), 5000, 'event on both replicas');
  });

  it('writes a heartbeat comment on an idle stream', async () => {
    const token = await tokenFor(orgA.key, op1);
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpGet(`${urls[0]}/v1/events/stream?token=${encodeURIComponent(token)}`, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          if (body.includes(': heartbeat\n\n')) {
            req.destroy();
            resolve(body);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(text).toMatch(/^retry: \d+\n/);
  });

  it('limits open streams per organization on a replica (429 STREAM_CONNECTION_LIMIT) and frees the place on close', async () => {
    const org = await gw.createOrg({ name: 'Busy' });
    const streams = [];
    for (let i = 0; i < 6; i++) streams.push(await openStream(urls[0], await tokenFor(org.key)));
    const token = await tokenFor(org.key);
    expectProblem(await gw.request({ method: 'GET', url: `/v1/events/stream?token=${encodeURIComponent(token)}` }), 429, 'STREAM_CONNECTION_LIMIT');
    // Another organization is not counted against it.
    const other = await openStream(urls[0], await tokenFor(orgB.key));
    other.es.close();
    streams[0]!.es.close();
    await waitFor(async () => {
      const s = await openStream(urls[0], token).catch(() => undefined);
      return s !== undefined;
    }, 5000, 'a place freed by a closed stream');
  });
});

describe('GET /v1/events/stream for quiet and slow clients', () => {
  it('moves a quiet stream\'s id on at heartbeats, so a resume starts near the head, not at its last event', async () => {
    const quiet = await openStream(urls[0], await tokenFor(orgA.key, op1));
    let lastOther = 0;
    for (let i = 0; i < 5; i++) lastOther = await publish(TicketingSubjects.TicketCreated, orgB.id, ticket(orgB.id));
    const moved = await waitFor(() => quiet.events.find((e) => e.type === 'position' && Number(e.id) >= lastOther), 5000, 'position event');
    expect(streamed(quiet.events)).toEqual([]);
    quiet.es.close();
    const mine = ticket(orgA.id);
    const seq = await publish(TicketingSubjects.TicketCreated, orgA.id, mine);
    const resumed = await openStream(urls[1], await tokenFor(orgA.key, op1), { lastEventId: moved.id });
    await waitFor(() => streamed(resumed.events).length > 0, 5000, 'resumed event');
    expect(streamed(resumed.events)[0]).toMatchObject({ id: String(seq), data: { ticketId: mine.ticketId } });
  });

  it('drops a client that stops reading once the bound is waiting for it, instead of buffering without end', async () => {
    const feed = gw3!.app.get(LiveEventFeed);
    const org = await gw.createOrg({ name: 'Slow reader' });
    const token = await tokenFor(org.key);
    const port = Number(new URL(urls[2]).port);
    const socket = tcpConnect(port, '127.0.0.1');
    await once(socket, 'connect');
    const closed = once(socket, 'close');
    socket.write(`GET /v1/events/stream?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
    await waitFor(() => feed.openCount(org.id) === 1, 5000, 'stream open');
    socket.pause(); // reads nothing more: the kernel's buffers fill, then the gateway's
    const notes = 'x'.repeat(8000);
    for (let batch = 0; batch < 30 && feed.openCount(org.id) > 0; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => publish(TicketingSubjects.TicketCreated, org.id, { ...ticket(org.id), notes })));
    }
    await waitFor(() => feed.openCount(org.id) === 0, 10_000, 'slow client dropped');
    socket.resume();
    await closed;
  });
});

describe('resuming further back than the stream allows', () => {
  it('replays at most EVENTS_STREAM_RESUME_MAX_MESSAGES messages, after a gap event saying from where', async () => {
    const start = await publish(TicketingSubjects.TicketCreated, orgA.id, ticket(orgA.id));
    const recent = [ticket(orgA.id), ticket(orgA.id), ticket(orgA.id), ticket(orgA.id)];
    const seqs: number[] = [];
    for (const t of recent) seqs.push(await publish(TicketingSubjects.TicketCreated, orgA.id, t));
    const s = await openStream(urls[2], await tokenFor(orgA.key, op1), { lastEventId: String(start - 1) });
    await waitFor(() => streamed(s.events).length >= 4, 5000, 'gap and the last three');
    expect(streamed(s.events).map((e) => (e.type === 'gap' ? e.data : Number(e.id)))).toEqual([
      { requestedAfter: start - 1, resumedAfter: seqs[0], reason: 'window' },
      seqs[1],
      seqs[2],
      seqs[3],
    ]);
  });

  it('says so with a gap event when the stream no longer has the events after Last-Event-ID (retention)', async () => {
    const old = await publish(TicketingSubjects.TicketCreated, orgA.id, ticket(orgA.id));
    const kept = ticket(orgA.id);
    const keptSeq = await publish(TicketingSubjects.TicketCreated, orgA.id, kept);
    await (await jetstreamManager(nc)).streams.purge(streamName('Events', gw.subjectPrefix), { keep: 1 });
    const s = await openStream(urls[0], await tokenFor(orgA.key, op1), { lastEventId: String(old - 1) });
    await waitFor(() => streamed(s.events).length >= 2, 5000, 'gap and the kept event');
    expect(streamed(s.events).slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'gap', data: { requestedAfter: old - 1, resumedAfter: keptSeq - 1, reason: 'retention' } }),
      expect.objectContaining({ id: String(keptSeq), data: kept }),
    ]);
  });
});

describe('stream tokens', () => {
  it('refuses a stream without a token, with a forged or altered one, and with a malformed Last-Event-ID', async () => {
    expectProblem(await gw.request({ method: 'GET', url: '/v1/events/stream' }), 401, 'STREAM_TOKEN_INVALID');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/events/stream?token=est_abc.def' }), 401, 'STREAM_TOKEN_INVALID');
    // An API key is not a stream token.
    expectProblem(await gw.request({ method: 'GET', url: `/v1/events/stream?token=${encodeURIComponent(orgA.key)}` }), 401, 'STREAM_TOKEN_INVALID');
    // Organization A's token rewritten to organization B: the signature no longer matches.
    const token = await tokenFor(orgA.key, op1);
    const [body, mac] = token.slice('est_'.length).split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `est_${Buffer.from(JSON.stringify({ ...claims, o: orgB.id })).toString('base64url')}.${mac}`;
    expectProblem(await gw.request({ method: 'GET', url: `/v1/events/stream?token=${encodeURIComponent(forged)}` }), 401, 'STREAM_TOKEN_INVALID');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/events/stream?token=${encodeURIComponent(token)}`, headers: { 'last-event-id': 'abc' } }), 400, 'STREAM_RESUME_INVALID');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/events/stream?token=${encodeURIComponent(token)}&lastEventId=-1` }), 400, 'STREAM_RESUME_INVALID');
  });

  it('refuses an expired token (401 STREAM_TOKEN_EXPIRED); a token minted on one replica opens the stream on another', async () => {
    const token = await tokenFor(orgA.key, op1, gw2); // gw2 mints 5 s tokens
    const s = await openStream(urls[0], token);
    s.es.close();
    await new Promise((r) => setTimeout(r, 5100));
    expectProblem(await gw.request({ method: 'GET', url: `/v1/events/stream?token=${encodeURIComponent(token)}` }), 401, 'STREAM_TOKEN_EXPIRED');
  });

  it('answers 404 for another organization\'s user, 422 for a malformed one', async () => {
    expectProblem(await gw.request({ method: 'POST', url: '/v1/events/stream-tokens', key: orgB.key, body: { userId: op1 } }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'POST', url: '/v1/events/stream-tokens', key: orgA.key, body: { userId: uuid() } }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'POST', url: '/v1/events/stream-tokens', key: orgA.key, body: { userId: 'nope' } }), 422, 'VALIDATION_FAILED');
  });

  it('is for admin and supervisor keys; an operator key (which names no user) is refused', async () => {
    const { supervisor, operator } = await gw.roleKeys(orgA.key);
    const bySupervisor = await gw.request({ method: 'POST', url: '/v1/events/stream-tokens', key: supervisor, body: { userId: op1 } });
    expect(bySupervisor.statusCode).toBe(201);
    expect(bySupervisor.json()).toEqual({ token: expect.stringMatching(/^est_/), expiresAt: expect.any(String), userId: op1, screenPops: 'own' });
    expectProblem(await gw.request({ method: 'POST', url: '/v1/events/stream-tokens', key: operator, body: { userId: op1 } }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'POST', url: '/v1/events/stream-tokens', body: {} }), 401, 'UNAUTHENTICATED');
  });
});

describe('shutdown', () => {
  it('ends open streams when a replica stops, so it stops at once', async () => {
    const s = await openStream(urls[2], await tokenFor(orgA.key, op1));
    const errored = new Promise<void>((resolve) => (s.es.onerror = () => resolve()));
    const replica = gw3!;
    gw3 = undefined;
    await replica.close();
    await errored;
    expect(replica.app.get(LiveEventFeed).openCount(orgA.id)).toBe(0);
  });
});
