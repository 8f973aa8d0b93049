// Provider webhook ingest: signed simulator webhooks over real HTTP into the telephony-gateway
// (verify → dedupe → receipt + normalized fact into the outbox, one transaction, group commit;
// the outbox relay publishes to JetStream meanwhile). Open loop at a fixed offered rate; the
// gateway runs in its own process (forked with @swc-node/register: Nest needs decorator metadata).
// The gateway is stateless apart from Postgres and NATS (DESIGN §5), so the bench runs it as
// `replicas` processes on their own ports (default 2, one per core), the client round-robins.
// The load generator shares the cores, so it is kept cheap: webhooks are signed before the timed
// window (a provider signs on its own machines) and sent over keep-alive sockets by a minimal
// HTTP/1.1 client (one request at a time per connection, no pipelining; only 200s count).
//   npx tsx bench/webhooks.ts [offeredPerSecond=6000] [seconds=10] [replicas=2] [connections=256]
// The measured window follows BENCH_WARMUP_SECONDS (default 2) at the offered rate, so the figures
// are the sustained ones, not the ramp from idle (BENCH_TIMELINE=1 prints p50/p99 per quarter second).
// Tuning knobs (environment): IC (INGEST_CONCURRENCY), INGEST_LINGER_MS, GATEWAY_NODE_OPTIONS (node flags
// for the gateway processes; default the production ones), BENCH_PROF=1 (CPU profiles of the gateways in /tmp/prof).
// Last line: one JSON object of the figures.
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect as netConnect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { streamName } from '../libs/contracts/src/streams';

const RATE = Number(process.argv[2] ?? 6000);
const SECONDS = Number(process.argv[3] ?? 10);
const REPLICAS = Number(process.argv[4] ?? 2);
const CONNECTIONS = Number(process.argv[5] ?? 256);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const SECRET_BYTES = randomBytes(32);
const SIGNING_SECRET = `whsec_${SECRET_BYTES.toString('base64')}`;
const TICK_MS = 2;
/** BENCH_TIMELINE=1: p50/p99 per quarter second of the measured window (where the tail comes from). */
const TIMELINE = process.env.BENCH_TIMELINE === '1';
/** The telephony-gateway's node flags as npm start and deploy/ run it (scripts/lib/services.js). */
const GATEWAY_NODE_FLAGS = '--max-semi-space-size=64 --expose-gc';
/** Seconds at the offered rate before the measured window (a sustained figure, not the ramp from idle). */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

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
function* webhooks(accountId: string): Generator<Buffer> {
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
      yield Buffer.from(
        `POST /webhooks/simulator/${accountId}/${type} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          `webhook-id: ${id}\r\nwebhook-timestamp: ${ts}\r\nwebhook-signature: v1,${sig}\r\n\r\n${body}`,
      );
    }
  }
}

/**
 * Keep-alive HTTP/1.1 client for the load generator: up to `max` sockets to one port, one request
 * at a time on each; `done` gets the status code (0 when the connection failed or closed early).
 * Responses are framed by content-length (the gateway always sends it); one without it is read as
 * far as its head and its connection closed.
 */
class KeepAlivePool {
  private readonly idle: Conn[] = [];
  private readonly waiting: Array<[Buffer, (status: number) => void]> = [];
  private open = 0;

  constructor(private readonly port: number, private readonly max: number) {}

  request(bytes: Buffer, done: (status: number) => void): void {
    let conn = this.idle.pop();
    while (conn?.closed) conn = this.idle.pop();
    if (conn) conn.send(bytes, done);
    else if (this.open < this.max) {
      this.open++;
      new Conn(this.port, (c) => this.release(c), () => this.open--).send(bytes, done);
    } else this.waiting.push([bytes, done]);
  }

  destroy(): void {
    for (const c of this.idle.splice(0)) c.socket.destroy();
  }

  private release(c: Conn): void {
    const next = this.waiting.shift();
    if (next) c.send(next[0], next[1]);
    else this.idle.push(c);
  }
}

class Conn {
  readonly socket: Socket;
  private done: ((status: number) => void) | undefined;
  private buf: Buffer = Buffer.alloc(0);
  closed = false;

  constructor(port: number, private readonly onFree: (c: Conn) => void, onClose: () => void) {
    this.socket = netConnect({ port, host: '127.0.0.1', noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.closed = true;
      onClose();
      this.finish(0, false);
    });
  }

  send(bytes: Buffer, done: (status: number) => void): void {
    if (this.closed) return done(0);
    this.done = done;
    this.socket.write(bytes);
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const headEnd = this.buf.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buf.toString('latin1', 0, headEnd);
    const m = /\r\ncontent-length: *(\d+)/i.exec(head);
    const total = headEnd + 4 + (m ? Number(m[1]) : 0);
    if (this.buf.length < total) return;
    const status = Number(head.slice(9, 12));
    const keep = !/\r\nconnection: *close/i.test(head) && m !== null;
    this.buf = this.buf.subarray(total);
    if (!keep) this.socket.destroy();
    this.finish(status, keep);
  }

  private finish(status: number, reusable: boolean): void {
    const done = this.done;
    this.done = undefined;
    done?.(status);
    if (reusable && done) this.onFree(this);
  }
}

/**
 * CPU seconds (user + system) of this machine's processes by name, from /proc (Linux; empty
 * elsewhere): how the shared cores split between Postgres, nats-server and the load generator.
 */
function cpuByName(names: string[]): Map<string, number> {
  const out = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      if (!names.includes(name)) continue;
      const f = stat.slice(close + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; accountId: string }> {
  const child = fork(join(__dirname, '../apps/telephony-gateway/bench/webhook-bench.server.ts'), [JSON.stringify(env)], { execArgv: ['-r', '@swc-node/register', ...(process.env.GATEWAY_NODE_OPTIONS ?? GATEWAY_NODE_FLAGS).split(' ').filter(Boolean), ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { ready?: boolean; accountId?: string }) => (m.ready ? resolve({ child, accountId: m.accountId! }) : reject(new Error('server not ready'))));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** The telephony-gateway refuses to start without its sealing key; the bench seals nothing. */
function benchSealingKey(): string {
  return generateKeyPairSync('x25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}

async function main(): Promise<void> {
  const tag = `bench_wh_${Date.now().toString(36)}`;
  const ports = await Promise.all(Array.from({ length: REPLICAS }, () => freePort()));
  const env: Record<string, string> = {
    NODE_ENV: 'production', SECRETS_KEY: randomBytes(32).toString('base64'), TELEPHONY_SEALING_PRIVATE_KEY: benchSealingKey(), DATABASE_URL, NATS_URL, DB_SCHEMA: tag, HTTP_PORT: String(ports[0]),
    PUBLIC_BASE_URL: `http://127.0.0.1:${ports[0]}`, SIMULATOR_ENABLED: 'false', SUBJECT_PREFIX: tag,
    DB_POOL_SIZE: '12', EVENTS_STREAM_MAX_MB: '1024', INGEST_CONCURRENCY: process.env.IC ?? '3', ...(process.env.INGEST_LINGER_MS ? { INGEST_LINGER_MS: process.env.INGEST_LINGER_MS } : {}), ORG_ID: randomUUID(), SIGNING_SECRET,
  };
  const first = await startServer(env);
  const accountId = first.accountId;
  const children = [first.child];
  for (const port of ports.slice(1)) children.push((await startServer({ ...env, HTTP_PORT: String(port), ACCOUNT_ID: accountId })).child);
  const pools = ports.map((port) => new KeepAlivePool(port, Math.ceil(CONNECTIONS / REPLICAS)));
  let rr = 0;
  const gen = webhooks(accountId);
  const latencies: number[] = [];
  const timeline: Array<[number, number]> = [];
  let accepted = 0;
  let failed = 0;
  let inFlight = 0;
  const send = (request: Buffer, measured: boolean) =>
    new Promise<void>((resolve) => {
      const pool = pools[rr++ % REPLICAS]!;
      const t0 = performance.now();
      inFlight++;
      pool.request(request, (status) => {
        inFlight--;
        if (!measured) return resolve();
        latencies.push(performance.now() - t0);
        if (TIMELINE) timeline.push([t0, performance.now() - t0]);
        if (status === 200) accepted++;
        else failed++;
        resolve();
      });
    });

  // Warm-up burst (JIT, pools), not measured.
  await Promise.all(Array.from({ length: 2000 }, () => send(gen.next().value!, false)));

  // Signed ahead (seconds before they are sent: well inside the timestamp tolerance).
  const planned = Array.from({ length: Math.ceil(RATE * (WARMUP + SECONDS)) + 1 }, () => gen.next().value!);
  // Collect the signing garbage now, not as a pause of the load generator inside the window.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  await new Promise((r) => setTimeout(r, 200));
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const pgStats = async () => (await pg.query<{ c: string; w: string }>(`SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS c, (SELECT wal_bytes FROM pg_stat_wal) AS w`)).rows[0]!;

  // Open loop at the offered rate: WARMUP seconds to reach steady state (not measured), then the
  // measured window. CPU, commit and WAL figures cover the window.
  let pgBefore: Promise<{ c: string; w: string }> | undefined;
  let infraBefore = new Map<string, number>();
  let clientBefore = process.cpuUsage();
  const pending: Promise<void>[] = [];
  const begin = performance.now();
  let start = -1;
  let sent = 0;
  let measuredSent = 0;
  while (performance.now() - begin < (WARMUP + SECONDS) * 1000) {
    if (start < 0 && performance.now() - begin >= WARMUP * 1000) {
      start = performance.now();
      for (const c of children) c.send({ cmd: 'mark' });
      pgBefore = pgStats();
      infraBefore = cpuByName(['postgres', 'nats-server']);
      clientBefore = process.cpuUsage();
    }
    const due = Math.min(planned.length, Math.floor(((performance.now() - begin) / 1000) * RATE));
    for (; sent < due; sent++) {
      pending.push(send(planned[sent]!, start >= 0));
      if (start >= 0) measuredSent++;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const infraAfter = cpuByName(['postgres', 'nats-server']);
  const client = process.cpuUsage(clientBefore);
  await new Promise((r) => setTimeout(r, 1100)); // backends report their counters at most once a second
  const pgAfter = await pgStats();
  const pgStart = await pgBefore!;
  await pg.end();
  const usPer = (seconds: number) => round((seconds * 1e6) / Math.max(1, measuredSent), 0);
  const infraUs = (name: string) => usPer((infraAfter.get(name) ?? 0) - (infraBefore.get(name) ?? 0));
  for (const p of pools) p.destroy();

  const stop = (child: ChildProcess) =>
    new Promise<{ receipts: number; outbox: number; cpuMicros: number }>((resolve) => {
      child.on('message', (m: { stopped?: boolean; receipts: number; outbox: number; cpuMicros: number }) => m.stopped && resolve(m));
      child.send({ cmd: 'stop' });
    });
  let gatewayCpuMicros = 0;
  for (const c of children.slice(1)) gatewayCpuMicros += (await stop(c)).cpuMicros;
  const counts = await stop(first.child);
  gatewayCpuMicros += counts.cpuMicros;
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  // last_seq: every fact the stream stored (a test-sized stream discards its oldest past 64 MiB).
  const published = (await jsm.streams.info(streamName('Events', tag))).state.last_seq;
  for (const s of [streamName('Events', tag), streamName('DeadLetters', tag)]) await jsm.streams.delete(s).catch(() => undefined);
  await nc.close();

  if (TIMELINE) {
    const buckets = new Map<number, number[]>();
    for (const [t, l] of timeline) if (t >= start) buckets.set(Math.floor((t - start) / 250), [...(buckets.get(Math.floor((t - start) / 250)) ?? []), l]);
    console.log([...buckets].map(([b, ls]) => `${(b / 4).toFixed(2)}s ${Math.round(percentile(ls.sort((x, y) => x - y), 50))}/${Math.round(percentile(ls, 99))}`).join('  '));
  }
  latencies.sort((a, b) => a - b);
  const figures = {
    offeredPerSecond: RATE,
    seconds: round(elapsed, 2),
    sent: measuredSent,
    accepted,
    failed,
    acceptedPerSecond: round(accepted / elapsed, 0),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies[latencies.length - 1] ?? NaN, 1),
    receiptsStored: counts.receipts,
    // Every accepted webhook's fact, published to the stream or still waiting in the outbox.
    factsPublished: published,
    factsLeftInOutbox: counts.outbox,
    replicas: REPLICAS,
    maxInFlight: CONNECTIONS,
    leftInFlight: inFlight,
    // Gateway CPU (all replicas, user + system) per webhook sent in the measured window.
    gatewayCpuUsPerWebhook: round(gatewayCpuMicros / Math.max(1, measuredSent), 0),
    // The rest of the machine in the same window (Linux /proc; 0 where it cannot be read).
    postgresCpuUsPerWebhook: infraUs('postgres'),
    natsCpuUsPerWebhook: infraUs('nats-server'),
    // Transactions committed and WAL written per webhook in the window (whole database).
    commitsPerWebhook: round((Number(pgAfter.c) - Number(pgStart.c)) / Math.max(1, measuredSent), 3),
    walBytesPerWebhook: round((Number(pgAfter.w) - Number(pgStart.w)) / Math.max(1, measuredSent), 0),
    loadGeneratorCpuUsPerWebhook: usPer((client.user + client.system) / 1e6),
  };
  console.log(`webhooks: ${figures.acceptedPerSecond}/s accepted of ${RATE}/s offered over ${figures.seconds} s; p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms; ${counts.receipts} receipts, ${published} facts published (+${counts.outbox} left in the outbox); CPU per webhook: gateway ${figures.gatewayCpuUsPerWebhook} µs, Postgres ${figures.postgresCpuUsPerWebhook} µs, nats-server ${figures.natsCpuUsPerWebhook} µs, load generator ${figures.loadGeneratorCpuUsPerWebhook} µs`);
  console.log(JSON.stringify(figures));
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
