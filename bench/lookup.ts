// Screen-pop lookups over HTTP (issue 14, DESIGN §9): the real api-gateway and ticketing processes
// (their own main.ts, production mode) on real Postgres and NATS; 1,000,000 customers of one
// organization bulk-inserted with generate_series (every tenth number with three past calls);
// then keep-alive HTTP clients ask GET /v1/customers/lookup?phone= for random numbers in the forms a
// PBX sends (+90…, 0…, 0090…, spaces, dashes, brackets), one in ten unknown.
//   npx tsx bench/lookup.ts [seconds=10] [connections=32] [customers=1000000]
// Prints: lookups/s, latency p50/p99, CPU µs per lookup of the gateway, ticketing, their Postgres
// backends and nats-server (shared with whatever else runs on the machine), and the load average.
// Last line: one JSON object of the figures. BENCH_CPU_PROF=<dir> writes each service's V8 CPU profile.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { streamName } from '../libs/contracts/src/streams';
import { generateSealingKeyPair } from '../libs/messaging/src/sealing/sealed-box';
import { cpuOfProcesses, freePort, spent } from './support/processes';

const [SECONDS = 10, CONNECTIONS = 32, CUSTOMERS = 1_000_000] = process.argv.slice(2).map(Number);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const ADMIN_KEY = 'bench-lookup-admin-key-0123456789abcdef';




const MAIN = { gateway: '../apps/api-gateway/src/main.ts', ticketing: '../apps/ticketing/src/main.ts' } as const;

function run(service: keyof typeof MAIN, env: Record<string, string>, args: string[] = []): ChildProcess {
  // BENCH_CPU_PROF=<dir>: each service writes a V8 CPU profile there when it exits.
  const prof = process.env.BENCH_CPU_PROF && args.length === 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return fork(join(__dirname, MAIN[service]), args, { execArgv: ['-r', '@swc-node/register', ...prof], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

async function migrate(service: keyof typeof MAIN, env: Record<string, string>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const m = run(service, env, ['migrate']);
    m.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${service} migrate exited ${code}`))));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function http(port: number, method: string, path: string, key?: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

/** The n-th customer's mobile: +90 555 followed by n in seven digits. */
const national = (n: number) => `555${String(n).padStart(7, '0')}`;
const FORMS = [
  (d: string) => `+90${d}`,
  (d: string) => `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
  (d: string) => `0090 ${d}`,
  (d: string) => `(0${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
  (d: string) => `90${d}`,
  (d: string) => `+90 ${d.slice(0, 3)} ${d.slice(3)}`,
];

async function main(): Promise<void> {
  const tag = `bench_lk_${Date.now().toString(36)}`;
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const sealing = generateSealingKeyPair();
  const common = { NODE_ENV: 'production', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error', DATABASE_URL, NATS_URL, SUBJECT_PREFIX: tag, EVENTS_STREAM_MAX_MB: '256' };
  const gwPort = await freePort();
  const gwEnv = { ...common, DB_SCHEMA: `${tag}_gw`, HTTP_PORT: String(gwPort), SANTRAL_ADMIN_KEY: ADMIN_KEY, TELEPHONY_SEALING_PUBLIC_KEY: sealing.publicKey, DB_POOL_SIZE: '8' };
  const tkEnv = { ...common, DB_SCHEMA: `${tag}_tk`, HTTP_PORT: String(await freePort()), DB_POOL_SIZE: '8' };
  const children: ChildProcess[] = [];
  const backendsOf = async (app: string) =>
    new Set<number>((await pg.query(`SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1 AND datname = current_database()`, [`santral-${app}%`])).rows.map((r: { pid: number }) => r.pid));
  const others0 = new Set([...(await backendsOf('api-gateway')), ...(await backendsOf('ticketing'))]);
  try {
    await migrate('gateway', gwEnv);
    await migrate('ticketing', tkEnv);
    const ticketing = run('ticketing', tkEnv);
    const gateway = run('gateway', gwEnv);
    children.push(ticketing, gateway);
    await until('the gateway answers', async () => (await http(gwPort, 'GET', '/health/ready')).status === 200);
    await until('ticketing answers', async () => (await http(Number(tkEnv.HTTP_PORT), 'GET', '/health/ready')).status === 200);

    const created = await http(gwPort, 'POST', '/v1/organizations', ADMIN_KEY, { name: 'Bench', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' });
    if (created.status !== 201) throw new Error(`organization: ${created.status} ${created.body}`);
    const { organization, apiKey } = JSON.parse(created.body) as { organization: { id: string }; apiKey: string };
    const tk = `${tag}_tk`;
    await until('ticketing learns the organization', async () => (await pg.query(`SELECT 1 FROM ${tk}.organization_settings WHERE organization_id = $1`, [organization.id])).rowCount === 1);

    const t0 = performance.now();
    await pg.query(
      `INSERT INTO ${tk}.customers (organization_id, id, name, email, company, notes, custom_fields, search_text, created_at, updated_at)
       SELECT $1, md5('c' || n)::uuid, 'Müşteri ' || n, 'musteri' || n || '@ornek.com.tr', 'Firma ' || (n % 1000), 'Not ' || n, jsonb_build_object('no', n::text),
              'musteri ' || n || ' musteri' || n || ' ornek com tr firma ' || (n % 1000) || ' not ' || n || ' ' || n, now(), now()
       FROM generate_series(1, $2::int) n`,
      [organization.id, CUSTOMERS],
    );
    await pg.query(
      `INSERT INTO ${tk}.customer_phones (organization_id, caller_id_key, customer_id, e164, created_at)
       SELECT $1, '+90555' || lpad(n::text, 7, '0'), md5('c' || n)::uuid, '+90555' || lpad(n::text, 7, '0'), now() FROM generate_series(1, $2::int) n`,
      [organization.id, CUSTOMERS],
    );
    await pg.query(
      `INSERT INTO ${tk}.customer_calls (organization_id, call_id, caller_id_key, direction, reason, talk_seconds, ended_at)
       SELECT $1, md5('k' || n || '-' || k)::uuid, '+90555' || lpad(n::text, 7, '0'), CASE WHEN k = 2 THEN 'outbound' ELSE 'inbound' END, 'completed', 30 * k, now() - k * interval '1 hour'
       FROM generate_series(10, $2::int, 10) n, generate_series(1, 3) k`,
      [organization.id, CUSTOMERS],
    );
    await pg.query(`ANALYZE ${tk}.customers; ANALYZE ${tk}.customer_phones; ANALYZE ${tk}.customer_calls`);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`loaded ${CUSTOMERS} customers, their phones and ${Math.floor(CUSTOMERS / 10) * 3} calls in ${loadSeconds.toFixed(1)} s`);

    let lookups = 0;
    let matched = 0;
    let errors = 0;
    const latencies: number[] = [];
    let running = true;
    let seq = 0;
    const worker = async () => {
      while (running) {
        const i = seq++;
        // Deterministic spread: one in ten numbers is no customer's (555 above the loaded range, or 532).
        const n = ((i * 7919) % CUSTOMERS) + 1;
        const digits = i % 10 === 9 ? `532${String(n).padStart(7, '0')}` : national(n);
        const phone = FORMS[i % FORMS.length]!(digits);
        const s = performance.now();
        const res = await http(gwPort, 'GET', `/v1/customers/lookup?phone=${encodeURIComponent(phone)}`, apiKey);
        latencies.push(performance.now() - s);
        lookups++;
        if (res.status !== 200) errors++;
        else if (res.body.startsWith('{"matched":true')) matched++;
      }
    };
    // Warm-up, then the measured window.
    const warm = Array.from({ length: CONNECTIONS }, worker);
    await new Promise((ok) => setTimeout(ok, 3000));
    running = false;
    await Promise.all(warm);
    if (errors > 0) throw new Error(`${errors} lookups failed during the warm-up`);
    const pgPids = new Set([...(await backendsOf('api-gateway')), ...(await backendsOf('ticketing'))].filter((p) => !others0.has(p)));
    const gw0 = cpuOfProcesses([], new Set([gateway.pid!]));
    const tk0 = cpuOfProcesses([], new Set([ticketing.pid!]));
    const pg0 = cpuOfProcesses([], pgPids);
    const nats0 = cpuOfProcesses(['nats-server']);
    lookups = matched = errors = 0;
    latencies.length = 0;
    running = true;
    const load0 = loadavg();
    const m0 = performance.now();
    const measured = Array.from({ length: CONNECTIONS }, worker);
    await new Promise((ok) => setTimeout(ok, SECONDS * 1000));
    running = false;
    await Promise.all(measured);
    const elapsed = (performance.now() - m0) / 1000;
    const load1 = loadavg();
    const per = (seconds: number) => Math.round((seconds * 1e6) / lookups);
    const cpu = {
      gateway: per(spent(gw0, cpuOfProcesses([], new Set([gateway.pid!])))),
      ticketing: per(spent(tk0, cpuOfProcesses([], new Set([ticketing.pid!])))),
      postgres: per(spent(pg0, cpuOfProcesses([], pgPids))),
      nats: per(spent(nats0, cpuOfProcesses(['nats-server']))),
      total: 0,
    };
    cpu.total = cpu.gateway + cpu.ticketing + cpu.postgres + cpu.nats;
    const figures = {
      customers: CUSTOMERS, seconds: SECONDS, connections: CONNECTIONS, lookups, lookupsPerSecond: Math.round(lookups / elapsed), matchedShare: Number((matched / Math.max(lookups, 1)).toFixed(3)), errors,
      p50Ms: Number(pct(latencies, 50).toFixed(2)), p99Ms: Number(pct(latencies, 99).toFixed(2)), cpuMicrosPerLookup: cpu, postgresBackends: pgPids.size,
      pgStatStatements: 'not available (pg_stat_statements is not in shared_preload_libraries here): Postgres CPU is read from its backends in /proc',
      loadAverage: { before: load0.map((x) => Number(x.toFixed(2))), after: load1.map((x) => Number(x.toFixed(2))) }, loadSeconds: Number(loadSeconds.toFixed(1)),
    };
    console.log(`${figures.lookupsPerSecond} lookups/s (${lookups} in ${SECONDS} s, ${CONNECTIONS} connections, ${(figures.matchedShare * 100).toFixed(1)} % matched, ${errors} errors), p50 ${figures.p50Ms} ms p99 ${figures.p99Ms} ms`);
    console.log(`CPU µs/lookup ${JSON.stringify(cpu)}; load average ${load0.map((x) => x.toFixed(2)).join(' ')} → ${load1.map((x) => x.toFixed(2)).join(' ')}`);
    console.log(JSON.stringify(figures));
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((ok) => (c.exitCode !== null ? ok(null) : c.once('exit', ok)))));
    agent.destroy();
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    for (const s of [streamName('Events', tag), streamName('DeadLetters', tag)]) await jsm.streams.delete(s).catch(() => undefined);
    await nc.close();
    await pg.query(`DROP SCHEMA IF EXISTS ${tag}_gw CASCADE`);
    await pg.query(`DROP SCHEMA IF EXISTS ${tag}_tk CASCADE`);
    await pg.end();
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.stack);
    process.exit(1);
  },
);
