// Domain events end to end: outbox insert → relay → JetStream → consumer inbox transaction
// commit, with one and with two consumer replicas, beside the raw JetStream async publish rate
// measured in the same run. As deployed, the publishing service (writer + relay) and each
// consumer replica are separate processes (this file forks itself). Uses the lib's classes
// directly (no Nest DI), so plain tsx works:
//   npx tsx bench/events.ts [offeredPerSecond=5000] [seconds=8]   (after 1 s of warm-up load)
// Last line: one JSON object of the figures.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, migrateService } from '../libs/persistence/src';
import { connectNats, EventBus, EventBusOptions, ensureEventStreams, MessagingTables1763800000000, SubscribeOptions, type UntypedMessages } from '../libs/messaging/src';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const TICK_MS = 5;
const WARMUP_MS = 1000;
// Per-event handlers wait on one INSERT per event, so they want more transactions in
// parallel; a batch handler writes a batch in one statement and prefers fuller batches.
const CONSUMER: Record<'each' | 'batch', SubscribeOptions> = {
  each: { concurrency: 6, batchSize: 64, maxAckPending: 4000, name: 'bench' },
  batch: { concurrency: 2, batchSize: 64, maxAckPending: 4000, name: 'bench' },
};

Logger.overrideLogger(['error']);

/** Busy CPU time of the whole machine in ms (Linux), to report CPU cost per event. */
function machineBusyMs(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (f[0] + f[1] + f[2] + f[5] + f[6]) * 10;
  } catch {
    return NaN;
  }
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const now = () => performance.timeOrigin + performance.now(); // epoch ms, comparable across processes
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Run {
  schema: string;
  stream: string;
  subject: string;
  /** `each`: one handler call (one INSERT) per event; `batch`: one call per inbox transaction. */
  mode: 'each' | 'batch';
}

function busOptions(run: Run, relay: boolean): EventBusOptions {
  return {
    stream: { name: run.stream, subjects: [`${run.subject}`], maxBytes: 1024 ** 3 },
    deadLetter: { stream: `${run.stream}_DLQ`, subjectPrefix: `${run.schema}_dlq` },
    manageStreams: false,
    relay: relay ? { batchSize: 500, pollIntervalMs: 200 } : false,
  };
}

function dataSource(schema: string, poolSize: number): DataSource {
  return new DataSource(buildDataSourceOptions({ url: DATABASE_URL, schema, entities: [], migrations: [], poolSize }));
}

/** A call.ended-like payload (~300 bytes of data). */
function payload(i: number, sentAt: number) {
  return {
    callId: `0199a3f2-7c1e-7b3a-9f00-${String(i).padStart(12, '0')}`,
    organizationId: '0199a3f2-7c1e-7b3a-9f00-000000000001',
    status: 'completed',
    reason: 'normal_clearing',
    billable: true,
    durationSec: 73,
    from: '+905321234567',
    to: '+905559876543',
    endedAt: new Date(sentAt).toISOString(),
    sentAt,
  };
}

// ---- consumer replica (child process) ----------------------------------------------------
async function consumerProcess(run: Run): Promise<void> {
  const nc = await connectNats({ servers: NATS_URL, name: 'bench-consumer' });
  const ds = dataSource(run.schema, CONSUMER[run.mode].concurrency! + 1);
  await ds.initialize();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const sentTimes: number[] = [];
  let lastAt = 0;
  const bus = new EventBus<UntypedMessages>({
    connection: nc,
    dataSource: ds,
    serviceName: 'bench',
    options: {
      ...busOptions(run, false),
      onOutcome: (o) => {
        if (o.kind !== 'applied' || !o.eventId) return;
        lastAt = now();
        const t0 = sentAt.get(o.eventId)!;
        latencies.push(lastAt - t0);
        sentTimes.push(t0);
        sentAt.delete(o.eventId);
      },
    },
  });
  type CallEnded = { callId: string; sentAt: number };
  if (run.mode === 'each') {
    await bus.subscribe<CallEnded>(run.subject, async (data, env, manager) => {
      sentAt.set(env.id, data.sentAt);
      await manager.query('INSERT INTO call_costs (call_id, event_id) VALUES ($1, $2)', [data.callId, env.id]);
    }, CONSUMER[run.mode]);
  } else {
    await bus.subscribeBatch<CallEnded>(run.subject, async (events, manager) => {
      for (const e of events) sentAt.set(e.envelope.id, e.data.sentAt);
      await manager.query('INSERT INTO call_costs (call_id, event_id) SELECT unnest($1::text[]), unnest($2::uuid[])', [
        events.map((e) => e.data.callId),
        events.map((e) => e.envelope.id),
      ]);
    }, CONSUMER[run.mode]);
  }
  await bus.start();
  const cpu0 = cpuMs();
  const report = setInterval(() => process.send!({ applied: latencies.length }), 100);
  process.on('message', async () => {
    clearInterval(report);
    await bus.stop();
    process.send!({ applied: latencies.length, lastAt, latencies, sentTimes, cpuMs: cpuMs() - cpu0 }, () => process.exit(0));
    await nc.drain();
    await ds.destroy();
  });
  process.send!({ ready: true });
}

// ---- orchestrator + publishing service ---------------------------------------------------
interface ChildReport {
  ready?: boolean;
  applied?: number;
  lastAt?: number;
  latencies?: number[];
  sentTimes?: number[];
  cpuMs?: number;
}

async function rawPublishRate(nc: NatsConnection, base: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const stream = `${base}_RAW`.toUpperCase();
  await jsm.streams.add({ name: stream, subjects: [`${base}.raw.>`], storage: StorageType.File, retention: RetentionPolicy.Limits });
  const js = jetstream(nc);
  const body = JSON.stringify({ specversion: '1.0', id: 'x', data: payload(1, now()) });
  const total = 30_000;
  const t0 = performance.now();
  for (let i = 0; i < total; i += 1000) {
    await Promise.all(Array.from({ length: 1000 }, (_, k) => js.publish(`${base}.raw.x`, body, { msgID: `${i + k}` })));
  }
  const rate = total / ((performance.now() - t0) / 1000);
  await jsm.streams.delete(stream);
  return rate;
}

async function scenario(nc: NatsConnection, base: string, mode: Run['mode'], replicas: number, offered: number, seconds: number) {
  const tag = `${mode}${replicas}o${offered}`;
  const run: Run = { schema: base, stream: `${base}_${tag}`.toUpperCase(), subject: `${base}.${tag}.call.ended.v1`, mode };
  const jsm = await jetstreamManager(nc);
  await ensureEventStreams(jsm, busOptions(run, true));
  const children = Array.from({ length: replicas }, () =>
    fork(__filename, ['--consumer', JSON.stringify(run)], { execArgv: process.execArgv, stdio: 'inherit' }),
  );
  const reports = children.map(() => ({ applied: 0 }) as ChildReport);
  await Promise.all(
    children.map((c, i) => new Promise<void>((resolve) => c.on('message', (m: ChildReport) => (Object.assign(reports[i], m), m.ready && resolve())))),
  );

  const ds = dataSource(run.schema, 6);
  await ds.initialize();
  const writer = new EventBus<UntypedMessages>({ connection: nc, dataSource: ds, serviceName: 'bench-writer', options: busOptions(run, true) });
  await writer.start();
  // Every tick one transaction writes the tick's share, as a busy service's concurrent
  // requests do; up to 4 transactions in flight (the writer's pool).
  const perTick = Math.max(1, Math.round((offered * TICK_MS) / 1000));
  const busy0 = machineBusyMs();
  const writerCpu0 = cpuMs();
  const start = now();
  const inFlight = new Set<Promise<unknown>>();
  let produced = 0;
  for (let t = 0; t < Math.round((seconds * 1000 + WARMUP_MS) / TICK_MS); t++) {
    const wait = start + t * TICK_MS - now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= 4) await Promise.race(inFlight);
    const sentAt = now();
    const events = Array.from({ length: perTick }, (_, k) => ({ type: run.subject, data: payload(produced + k, sentAt), orgid: null }));
    const tx = ds.transaction((manager) => writer.publisher.publishMany(events, { manager })).finally(() => inFlight.delete(tx));
    inFlight.add(tx);
    produced += perTick;
  }
  await Promise.all(inFlight);
  const producedPerSecond = Math.round(produced / ((now() - start) / 1000));
  const deadline = now() + 60_000;
  while (reports.reduce((s, r) => s + (r.applied ?? 0), 0) < produced && now() < deadline) await sleep(20);
  const done = children.map((c, i) => new Promise<void>((resolve) => c.on('exit', () => resolve())).then(() => reports[i]));
  children.forEach((c) => c.send('stop'));
  const final = await Promise.all(done);
  const busyMs = machineBusyMs() - busy0;
  const writerCpuMs = cpuMs() - writerCpu0;
  await writer.stop();
  const [{ rows, distinct }] = await ds.query(
    `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM call_costs WHERE call_id LIKE '0199a3f2%' AND event_id IN (SELECT id FROM outbox WHERE subject = $1)`,
    [run.subject],
  );
  await ds.destroy();
  await jsm.streams.delete(run.stream).catch(() => undefined);
  await jsm.streams.delete(`${run.stream}_DLQ`).catch(() => undefined);

  // The first WARMUP_MS of each run (JIT, fresh pools and consumers) is not measured.
  const measuredFrom = start + WARMUP_MS;
  const all = final.flatMap((r) => (r.latencies ?? []).map((l, i) => [r.sentTimes![i], l] as const));
  const latencies = all.filter(([t]) => t >= measuredFrom).map(([, l]) => l).sort((a, b) => a - b);
  const lastAt = Math.max(...final.map((r) => r.lastAt ?? 0));
  return {
    mode,
    replicas,
    offeredPerSecond: offered,
    producedPerSecond,
    events: produced,
    eventsPerSecond: Math.round(latencies.length / ((lastAt - measuredFrom) / 1000)),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1] ?? NaN),
    appliedOnce: all.length === produced && rows === produced && distinct === produced,
    cpuUsPerEvent: {
      machine: Math.round((busyMs * 1000) / produced),
      writerProcess: Math.round((writerCpuMs * 1000) / produced),
      consumerProcesses: Math.round((final.reduce((s, r) => s + (r.cpuMs ?? 0), 0) * 1000) / produced),
    },
  };
}

async function main(): Promise<void> {
  const offered = Number(process.argv[2] ?? 5000);
  const seconds = Number(process.argv[3] ?? 8);
  const base = `bench_${Date.now().toString(36)}`;
  // Sent rows are kept (default retention) so the check below can find this run's events.
  await migrateService({ url: DATABASE_URL, schema: base, entities: [], migrations: [MessagingTables1763800000000] });
  const admin = dataSource(base, 1);
  await admin.initialize();
  await admin.query('CREATE TABLE call_costs (call_id text NOT NULL, event_id uuid NOT NULL)');
  const nc = await connectNats({ servers: NATS_URL, name: 'bench-writer' });
  try {
    const raw = await rawPublishRate(nc, base);
    console.log(`raw JetStream async publish: ${Math.round(raw).toLocaleString('en')} msg/s`);
    const results: Array<Awaited<ReturnType<typeof scenario>>> = [];
    for (const mode of ['each', 'batch'] as const) {
      for (const replicas of [1, 2]) {
        const s = await scenario(nc, base, mode, replicas, offered, seconds);
        results.push(s);
        console.log(
          `${mode}-event handler, ${s.replicas} consumer replica(s), offered ${s.offeredPerSecond.toLocaleString('en')}/s (written ${s.producedPerSecond.toLocaleString('en')}/s): ` +
            `${s.eventsPerSecond.toLocaleString('en')} events/s end to end, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, max ${s.maxMs} ms ` +
            `(${s.events} events, each applied once: ${s.appliedOnce}); CPU µs/event: ${JSON.stringify(s.cpuUsPerEvent)}`,
        );
      }
    }
    const pick = (s: (typeof results)[number]) => ({ eventsPerSecond: s.eventsPerSecond, p50Ms: s.p50Ms, p99Ms: s.p99Ms, appliedOnce: s.appliedOnce });
    console.log(
      JSON.stringify({
        rawJetStreamPublishPerSecond: Math.round(raw),
        offeredPerSecond: offered,
        seconds,
        oneReplica: pick(results[0]),
        twoReplicas: pick(results[1]),
        batchHandlerOneReplica: pick(results[2]),
        batchHandlerTwoReplicas: pick(results[3]),
        consumer: CONSUMER,
        node: process.version,
      }),
    );
  } finally {
    await nc.drain();
    await admin.query(`DROP SCHEMA "${base}" CASCADE`);
    await admin.destroy();
  }
}

if (process.argv[2] === '--consumer') {
  consumerProcess(JSON.parse(process.argv[3]) as Run).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
