// Billing reserve + settle (issue 12, DESIGN §9): one billing replica (a forked process) on real
// Postgres and JetStream. Each worker reserves credit for a call over rpc.billing.credits.reserve,
// then publishes its dialer.call.ended.v1 (as the dialer would); billing settles it from JetStream.
// A pair counts once its settlement row is written. Two runs: one hot organization (every
// reservation takes the same account row lock), then 50 organizations.
//   npx tsx bench/billing.ts [seconds=10] [workers=48]
// Prints: pairs/s, reserve latency p50/p99, CPU µs per pair of billing, its Postgres backends and
// nats-server (shared with whatever else runs on the machine); and the reserve latency of an open
// loop at half the warm-up's rate for 5 s (the closed loop's latency is mostly its own queue).
// Last line: one JSON object of the figures.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { makeEnvelope } from '../libs/contracts/src/envelope';
import { NatsRpcClient } from '../libs/messaging/src/rpc/nats-rpc.client';
import { cpuOfProcesses, freePort, spent } from './support/processes';

const [SECONDS = 10, WORKERS = 48] = process.argv.slice(2).map(Number);
const PACED_SECONDS = 5;
const WARM_SECONDS = 2;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';




function startReplica(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(__dirname, '../apps/billing/bench/billing-bench.server.ts'), [JSON.stringify(env)], {
    // BENCH_CPU_PROF=<dir>: the replica writes a V8 CPU profile there when it exits.
    execArgv: ['-r', '@swc-node/register', '--max-semi-space-size=16', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
  });
}

function cpuOf(child: ChildProcess, cmd: 'mark' | 'stop'): Promise<number> {
  if (cmd === 'mark') {
    child.send({ cmd: 'mark' });
    return Promise.resolve(0);
  }
  return new Promise((resolve) => {
    child.once('message', (m: { cpuMicros?: number }) => resolve(m.cpuMicros ?? 0));
    child.send({ cmd: 'stop' });
  });
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

interface Figures {
  orgs: number;
  pairs: number;
  pairsPerSecond: number;
  reserveP50Ms: number;
  reserveP99Ms: number;
  cpuMicrosPerPair: { billing: number; postgres: number; nats: number; total: number };
  /** The open-loop run at half the rate: reserve latency below saturation. */
  paced: { pairsPerSecond: number; reserveP50Ms: number; reserveP99Ms: number };
}

async function scenario(orgCount: number): Promise<Figures> {
  const tag = `bench_bl_${Date.now().toString(36)}`;
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const env: Record<string, string> = { NODE_ENV: 'production', DATABASE_URL, NATS_URL, DB_SCHEMA: tag, SUBJECT_PREFIX: tag, DB_POOL_SIZE: '10', SWEEP_INTERVAL_MS: '0', PAYMENT_WORKER_INTERVAL_MS: '0', EVENTS_STREAM_MAX_MB: '1024' };
  await new Promise<void>((resolve, reject) => {
    const m = fork(join(__dirname, '../apps/billing/src/main.ts'), ['migrate'], { execArgv: ['-r', '@swc-node/register'], env: { ...process.env, ...env }, stdio: 'inherit' });
    m.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrate exited ${code}`))));
  });
  const replica = await startReplica({ ...env, HTTP_PORT: String(await freePort()) });
  const nc = await connect({ servers: NATS_URL });
  const js = jetstream(nc);
  const rpc = new NatsRpcClient(nc, { subjectPrefix: tag });
  const orgs = Array.from({ length: orgCount }, () => randomUUID());
  for (const org of orgs) {
    const e = makeEnvelope({ type: 'gateway.organization.created.v1', source: 'santral/bench', orgid: org, data: { organizationId: org, name: 'Bench', plan: 'business', limits: { concurrentSlots: 1000, callsPerHour: 1_000_000, minCreditsToStart: 0 }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul' } });
    await js.publish(`${tag}.gateway.organization.created.v1`, JSON.stringify(e), { msgID: e.id });
  }
  const settled = async () => Number((await pg.query(`SELECT count(*) AS n FROM ${tag}.settlements`)).rows[0].n);
  for (;;) {
    const known = Number((await pg.query(`SELECT count(*) AS n FROM ${tag}.organization_settings`)).rows[0].n);
    if (known === orgCount) break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  for (const org of orgs) await rpc.request('rpc.billing.credits.grant', { organizationId: org, amount: 1_000_000, note: 'bench' });

  const latencies: number[] = [];
  let pairs = 0;
  let running = true;
  /** One pair: reserve over RPC, then the call's end on JetStream (as the dialer would); returns the reserve latency. */
  const onePair = async (org: string): Promise<number> => {
    const callId = randomUUID();
    const t0 = performance.now();
    await rpc.request('rpc.billing.credits.reserve', { organizationId: org, callId, attempt: 1, estimatedSeconds: 300 }, { timeoutMs: 30_000 });
    const latency = performance.now() - t0;
    const data = {
      organizationId: org, callId, attempt: 1, direction: 'outbound', kind: 'single', state: 'ended', to: '+905551230005',
      endReason: { status: 'ended', reason: 'completed', fault: 'none', billable: true }, talkSeconds: 42, waitSeconds: 3, totalSeconds: 45, forwardedSeconds: 0, answeredAt: new Date().toISOString(),
    };
    const e = makeEnvelope({ type: 'dialer.call.ended.v1', source: 'santral/bench', orgid: org, subject: callId, data });
    await js.publish(`${tag}.dialer.call.ended.v1`, JSON.stringify(e), { msgID: e.id });
    return latency;
  };
  const worker = async (i: number) => {
    while (running) {
      latencies.push(await onePair(orgs[(i + pairs) % orgs.length]!));
      pairs++;
    }
  };
  // Warm-up, then the measured window.
  const warm = Array.from({ length: WORKERS }, (_, i) => worker(i));
  await new Promise((ok) => setTimeout(ok, WARM_SECONDS * 1000));
  running = false;
  await Promise.all(warm);
  while ((await settled()) < pairs) await new Promise((ok) => setTimeout(ok, 20));
  // Open loop at half the warm-up's closed-loop rate: the reserve latency of a billing that is not
  // saturated (the closed loop's latency is its own queue: the requests in flight / the rate).
  const pacedRate = Math.max(1, Math.round(pairs / WARM_SECONDS / 2));
  const pacedLatencies: number[] = [];
  {
    const inFlight: Array<Promise<void>> = [];
    const start = performance.now();
    for (let n = 0; n < pacedRate * PACED_SECONDS; n++) {
      const due = start + (n * 1000) / pacedRate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((ok) => setTimeout(ok, wait));
      inFlight.push(onePair(orgs[n % orgs.length]!).then((ms) => void pacedLatencies.push(ms)));
    }
    await Promise.all(inFlight);
    const total = pairs + pacedRate * PACED_SECONDS;
    while ((await settled()) < total) await new Promise((ok) => setTimeout(ok, 5));
  }
  latencies.length = 0;
  const before = await settled();
  pairs = 0;
  running = true;
  await cpuOf(replica, 'mark');
  // Postgres: only the backends of this bench's billing replica (the server is shared with other work).
  const backends = new Set<number>(
    (await pg.query(`SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'santral-billing%' AND datname = current_database()`)).rows.map((r: { pid: number }) => r.pid),
  );
  const others0 = { pg: cpuOfProcesses([], backends), nats: cpuOfProcesses(['nats-server']) };
  const t0 = performance.now();
  const measured = Array.from({ length: WORKERS }, (_, i) => worker(i));
  await new Promise((ok) => setTimeout(ok, SECONDS * 1000));
  running = false;
  await Promise.all(measured);
  while ((await settled()) - before < pairs) await new Promise((ok) => setTimeout(ok, 5));
  const elapsed = (performance.now() - t0) / 1000;
  const others1 = { pg: cpuOfProcesses([], backends), nats: cpuOfProcesses(['nats-server']) };
  const billingMicros = await cpuOf(replica, 'stop');
  const verify = await pg.query(
    `SELECT count(*) AS bad FROM ${tag}.accounts a LEFT JOIN (SELECT organization_id, sum(credits_delta) c, sum(debits_delta) d, sum(pending_delta) p FROM ${tag}.ledger_entries GROUP BY 1) s USING (organization_id)
      WHERE a.posted_credits <> s.c OR a.posted_debits <> s.d OR a.pending_debits <> s.p`,
  );
  if (Number(verify.rows[0].bad) !== 0) throw new Error('ledger does not balance after the bench');
  await nc.close();
  await pg.query(`DROP SCHEMA ${tag} CASCADE`);
  await pg.end();
  const per = (micros: number) => Math.round(micros / pairs);
  const cpu = { billing: per(billingMicros), postgres: per(spent(others0.pg, others1.pg) * 1e6), nats: per(spent(others0.nats, others1.nats) * 1e6), total: 0 };
  cpu.total = cpu.billing + cpu.postgres + cpu.nats;
  return {
    orgs: orgCount, pairs, pairsPerSecond: Math.round(pairs / elapsed), reserveP50Ms: Number(pct(latencies, 50).toFixed(2)), reserveP99Ms: Number(pct(latencies, 99).toFixed(2)), cpuMicrosPerPair: cpu,
    paced: { pairsPerSecond: pacedRate, reserveP50Ms: Number(pct(pacedLatencies, 50).toFixed(2)), reserveP99Ms: Number(pct(pacedLatencies, 99).toFixed(2)) },
  };
}

async function main(): Promise<void> {
  const hot = await scenario(1);
  console.log(`one hot organization: ${hot.pairsPerSecond} pairs/s (${hot.pairs} in ${SECONDS} s + drain), reserve p50 ${hot.reserveP50Ms} ms p99 ${hot.reserveP99Ms} ms, CPU µs/pair ${JSON.stringify(hot.cpuMicrosPerPair)}; paced at ${hot.paced.pairsPerSecond}/s: reserve p50 ${hot.paced.reserveP50Ms} ms p99 ${hot.paced.reserveP99Ms} ms`);
  const wide = await scenario(50);
  console.log(`50 organizations:     ${wide.pairsPerSecond} pairs/s (${wide.pairs} in ${SECONDS} s + drain), reserve p50 ${wide.reserveP50Ms} ms p99 ${wide.reserveP99Ms} ms, CPU µs/pair ${JSON.stringify(wide.cpuMicrosPerPair)}; paced at ${wide.paced.pairsPerSecond}/s: reserve p50 ${wide.paced.reserveP50Ms} ms p99 ${wide.paced.reserveP99Ms} ms`);
  console.log(JSON.stringify({ seconds: SECONDS, workers: WORKERS, hot, wide }));
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.stack);
    process.exit(1);
  },
);
