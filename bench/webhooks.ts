// Provider webhook ingest: signed simulator webhooks over real HTTP into the telephony-gateway
// (verify → dedupe → receipt + normalized fact into the outbox, one transaction, group commit;
// the outbox relay publishes to JetStream meanwhile). Open loop at a fixed offered rate; the
// gateway runs in its own process (forked with @swc-node/register: Nest needs decorator metadata).
// The gateway is stateless apart from Postgres and NATS (DESIGN §5), so the bench runs it as
// `replicas` processes on their own ports (default 2, one per core), the client round-robins.
//   npx tsx bench/webhooks.ts [offeredPerSecond=6000] [seconds=10] [replicas=2] [connections=256]
// Last line: one JSON object of the figures.
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

const RATE = Number(process.argv[2] ?? 6000);
const SECONDS = Number(process.argv[3] ?? 10);
const REPLICAS = Number(process.argv[4] ?? 2);
const CONNECTIONS = Number(process.argv[5] ?? 256);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const SECRET_BYTES = randomBytes(32);
const SIGNING_SECRET = `whsec_${SECRET_BYTES.toString('base64')}`;
const TICK_MS = 2;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Three webhooks per simulated call, as the simulator sends them: ringing, answered, completed. */
function* webhooks(accountId: string): Generator<{ path: string; headers: Record<string, string>; body: string }> {
  for (;;) {
    const callId = randomUUID();
    const callSid = `SC${callId.replace(/-/g, '')}`;
    const events: Array<[string, Record<string, unknown>]> = [
      ['call.ringing', {}],
      ['call.answered', { answeredBy: 'human' }],
      ['call.completed', { direction: 'outbound', status: 'completed', hangupBy: 'customer', talkSeconds: 61, waitSeconds: 7, totalSeconds: 68, forwardedSeconds: 0 }],
    ];
    for (const [type, data] of events) {
      const id = `evt_${randomUUID()}`;
      const body = JSON.stringify({ id, type, accountId, callSid, clientRef: callId, timestamp: new Date().toISOString(), data });
      const ts = Math.floor(Date.now() / 1000);
      const sig = createHmac('sha256', SECRET_BYTES).update(`${id}.${ts}.${body}`).digest('base64');
      yield {
        path: `/webhooks/simulator/${accountId}/${type}`,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': `v1,${sig}` },
        body,
      };
    }
  }
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; accountId: string }> {
  const child = fork(join(__dirname, '../apps/telephony-gateway/bench/webhook-bench.server.ts'), [JSON.stringify(env)], { execArgv: ['-r', '@swc-node/register', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { ready?: boolean; accountId?: string }) => (m.ready ? resolve({ child, accountId: m.accountId! }) : reject(new Error('server not ready'))));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const tag = `bench_wh_${Date.now().toString(36)}`;
  const ports = await Promise.all(Array.from({ length: REPLICAS }, () => freePort()));
  const env: Record<string, string> = {
    NODE_ENV: 'production', SECRETS_KEY: randomBytes(32).toString('base64'), DATABASE_URL, NATS_URL, DB_SCHEMA: tag, HTTP_PORT: String(ports[0]),
    PUBLIC_BASE_URL: `http://127.0.0.1:${ports[0]}`, SIMULATOR_ENABLED: 'false', SUBJECT_PREFIX: tag, EVENTS_STREAM: tag.toUpperCase(),
    DEAD_LETTER_STREAM: `${tag.toUpperCase()}_DLQ`, DEAD_LETTER_SUBJECT_PREFIX: `${tag}_dlq`, DB_POOL_SIZE: '12', INGEST_CONCURRENCY: process.env.IC ?? '3', ORG_ID: randomUUID(), SIGNING_SECRET,
  };
  const first = await startServer(env);
  const accountId = first.accountId;
  const children = [first.child];
  for (const port of ports.slice(1)) children.push((await startServer({ ...env, HTTP_PORT: String(port), ACCOUNT_ID: accountId })).child);
  const agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: Math.ceil(CONNECTIONS / REPLICAS) }));
  let rr = 0;
  const gen = webhooks(accountId);
  const latencies: number[] = [];
  let accepted = 0;
  let failed = 0;
  let inFlight = 0;
  const send = () =>
    new Promise<void>((resolve) => {
      const w = gen.next().value!;
      const target = rr++ % REPLICAS;
      const port = ports[target]!;
      const agent = agents[target]!;
      const t0 = performance.now();
      inFlight++;
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: w.path, headers: w.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          inFlight--;
          latencies.push(performance.now() - t0);
          if (res.statusCode === 200) accepted++;
          else failed++;
          resolve();
        });
      });
      req.on('error', () => {
        inFlight--;
        failed++;
        resolve();
      });
      req.end(w.body);
    });

  // Warm-up (JIT, pools), not measured.
  await Promise.all(Array.from({ length: 2000 }, () => send()));
  latencies.length = 0;
  accepted = 0;
  failed = 0;

  const pending: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < SECONDS * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * RATE);
    for (; sent < due; sent++) pending.push(send());
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  for (const a of agents) a.destroy();

  const stop = (child: ChildProcess) =>
    new Promise<{ receipts: number; outbox: number }>((resolve) => {
      child.on('message', (m: { stopped?: boolean; receipts: number; outbox: number }) => m.stopped && resolve(m));
      child.send({ cmd: 'stop' });
    });
  for (const c of children.slice(1)) await stop(c);
  const counts = await stop(first.child);
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  for (const s of [env.EVENTS_STREAM, env.DEAD_LETTER_STREAM]) await jsm.streams.delete(s).catch(() => undefined);
  await nc.close();

  latencies.sort((a, b) => a - b);
  const figures = {
    offeredPerSecond: RATE,
    seconds: round(elapsed, 2),
    sent,
    accepted,
    failed,
    acceptedPerSecond: round(accepted / elapsed, 0),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies[latencies.length - 1] ?? NaN, 1),
    receiptsStored: counts.receipts,
    factsInOutbox: counts.outbox,
    replicas: REPLICAS,
    maxInFlight: CONNECTIONS,
    leftInFlight: inFlight,
  };
  console.log(`webhooks: ${figures.acceptedPerSecond}/s accepted of ${RATE}/s offered over ${figures.seconds} s; p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms; ${counts.receipts} receipts, ${counts.outbox} facts in the outbox`);
  console.log(JSON.stringify(figures));
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
