// The dialer itself (issue 10): two dialer-orchestrator replicas (forked processes) dispatch the tasks
// of 50 organizations × 10 slots (500 slots) over real Postgres and JetStream. Telephony is
// synthetic, as the issue allows: this process answers every telephony.call.originate.v1 with
// telephony.call.ended.v1 after HOLD_MS, so the figures are the dialer's, not a provider's.
//   npx tsx bench/dialer.ts [seconds=20] [holdMs=400] [orgs=50] [slotsPerOrg=10]
// Prints: dispatches/s, slot reuse latency p50/p99 (from the ended fact being sent to the next
// originate of that organization, i.e. of the freed slot), slot utilization, CPU µs per call of the
// dialers, Postgres and nats-server. Last line: one JSON object of the figures.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client } from 'pg';
import { makeEnvelope } from '../libs/contracts/src/envelope';
import { streamName } from '../libs/contracts/src/streams';

const [SECONDS = 20, HOLD_MS = 400, ORGS = 50, SLOTS = 10] = process.argv.slice(2).map(Number);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const WARMUP_MS = 3000;
const S = {
  orgCreated: 'gateway.organization.created.v1', started: 'campaign.campaign.started.v1', requested: 'campaign.call.requested.v1',
  originate: 'telephony.call.originate.v1', ended: 'telephony.call.ended.v1', hotline: 'rpc.dialer.hotline.create',
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function cpuByName(names: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      if (!names.includes(name)) continue;
      const f = stat.slice(close + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      /* gone */
    }
  }
  return out;
}

function startReplica(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(__dirname, '../apps/dialer-orchestrator/bench/dialer-bench.server.ts'), [JSON.stringify(env)], {
    // BENCH_CPU_PROF=<dir>: each replica writes a V8 CPU profile there when it stops.
    execArgv: ['-r', '@swc-node/register', '--max-semi-space-size=16', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: { cpuMicros?: number }) => resolve(m.cpuMicros ?? 0));
    child.send({ cmd: 'stop' });
  });
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

async function main(): Promise<void> {
  const tag = `bench_dl_${Date.now().toString(36)}`;
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const env: Record<string, string> = {
    NODE_ENV: 'production', CREDIT_RESERVATIONS: 'unmetered', DATABASE_URL, NATS_URL, DB_SCHEMA: tag, SUBJECT_PREFIX: tag, DB_POOL_SIZE: '10',
    DISPATCH_INTERVAL_MS: '200', DISPATCH_MAX_ORGANIZATIONS: '200', WATCHDOG_INTERVAL_MS: '0', EVENTS_STREAM_MAX_MB: '1024',
    // The bench measures the dialer, not a provider's calls-per-second limit (Twilio's default of 1 would pace it).
    PROVIDER_CPS_DEFAULT: '1000',
  };
  // Migrate once (the replicas then share the schema).
  await new Promise<void>((resolve, reject) => {
    const m = fork(join(__dirname, '../apps/dialer-orchestrator/src/main.ts'), ['migrate'], { execArgv: ['-r', '@swc-node/register'], env: { ...process.env, ...env }, stdio: 'inherit' });
    m.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrate exited ${code}`))));
  });
  const replicas = [await startReplica({ ...env, HTTP_PORT: String(await freePort()) }), await startReplica({ ...env, HTTP_PORT: String(await freePort()) })];
  const nc: NatsConnection = await connect({ servers: NATS_URL });
  const js = jetstream(nc);
  const publish = (type: string, orgid: string, data: object) => {
    const e = makeEnvelope({ type, source: 'santral/bench', data, orgid });
    return js.publish(`${tag}.${type}`, JSON.stringify(e), { msgID: e.id });
  };

  const orgs = Array.from({ length: ORGS }, () => ({ id: randomUUID(), campaign: randomUUID(), account: randomUUID(), from: '' }));
  orgs.forEach((o, i) => (o.from = `+90212555${String(1000 + i)}`));
  const offset = 12 - new Date().getUTCHours();
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`; // midday there: inside every window
  // Synthetic telephony: every originate ends HOLD_MS later.
  let measuring = false;
  let stopping = false;
  let dispatched = 0;
  let occupiedMs = 0;
  const pendingEnds = new Map<string, number[]>();
  const reuse: number[] = [];
  const decoder = new TextDecoder();
  nc.subscribe(`${tag}.${S.originate}`, {
    callback: (_e, msg) => {
      const now = performance.now();
      const cmd = (JSON.parse(decoder.decode(msg.data)) as { data: { organizationId: string; callId: string } }).data;
      const ends = pendingEnds.get(cmd.organizationId);
      const freedAt = ends?.shift();
      if (measuring) {
        dispatched++;
        if (freedAt !== undefined) reuse.push(now - freedAt);
      }
      const org = orgs.find((o) => o.id === cmd.organizationId)!;
      setTimeout(() => {
        if (stopping) return;
        const at = performance.now();
        if (measuring) occupiedMs += at - now;
        if (!pendingEnds.has(cmd.organizationId)) pendingEnds.set(cmd.organizationId, []);
        pendingEnds.get(cmd.organizationId)!.push(at);
        publish(S.ended, cmd.organizationId, {
          organizationId: cmd.organizationId, callId: cmd.callId, providerAccountId: org.account, provider: 'simulator', providerCallId: `sim-${cmd.callId}`,
          direction: 'outbound', talkSeconds: 1, waitSeconds: 0, totalSeconds: 1, forwardedSeconds: 0,
          endReason: { status: 'ended', reason: 'completed', fault: 'none', billable: true }, isLost: false, tags: [],
        }).catch(() => undefined); // the bench is closing
      }, HOLD_MS);
    },
  });

  // Organizations, caller numbers, campaigns, and more contacts than the window can dial.
  const perOrg = Math.ceil(((SECONDS * 1000 + WARMUP_MS) / HOLD_MS) * SLOTS * 1.5);
  for (const o of orgs) {
    await publish(S.orgCreated, o.id, { organizationId: o.id, name: 'Bench', plan: 'business', limits: { concurrentSlots: SLOTS, callsPerHour: 1_000_000, minCreditsToStart: 0 }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul' });
  }
  const rpcReq = async (data: object) => {
    for (;;) {
      const reply = await nc.request(`${tag}.${S.hotline}`, JSON.stringify(data), { timeout: 5000 }).catch(() => undefined); // replicas still starting
      if (reply && (JSON.parse(decoder.decode(reply.data)) as { ok: boolean }).ok) return;
      await new Promise((res) => setTimeout(res, 200)); // settings not projected yet
    }
  };
  for (const o of orgs) await rpcReq({ organizationId: o.id, number: o.from, label: 'Bench line' });
  for (const o of orgs) {
    await publish(S.started, o.id, {
      organizationId: o.id, campaignId: o.campaign, name: 'Bench', totalContacts: perOrg,
      dialPlan: { agentId: randomUUID(), providerAccountId: o.account, fromNumber: o.from, startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2030-01-01T00:00:00.000Z', callingWindows: [{ start: '00:00', end: '23:59' }], ringTimeoutSeconds: 30, retryPolicy: { maxAttemptsPerContact: 1, rules: [] } },
    });
  }
  let n = 0;
  for (const o of orgs) {
    for (let b = 0; b < perOrg; b += 500) {
      const contacts = Array.from({ length: Math.min(500, perOrg - b) }, () => ({ contactId: randomUUID(), to: `+90555${String(1000000 + (n++ % 9000000))}`, timeZone: zone, timeZoneSource: 'given' }));
      await publish(S.requested, o.id, { organizationId: o.id, campaignId: o.campaign, batchId: randomUUID(), contacts });
    }
  }
  process.stdout.write(`${ORGS} organizations × ${SLOTS} slots, ${perOrg} contacts each, hold ${HOLD_MS} ms; warming up ${WARMUP_MS} ms\n`);
  await new Promise((r) => setTimeout(r, WARMUP_MS));

  for (const r of replicas) r.send({ cmd: 'mark' });
  const cpu0 = cpuByName(['postgres', 'nats-server']);
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  stopping = true;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = cpuByName(['postgres', 'nats-server']);
  let dialerCpu = 0;
  for (const r of replicas) dialerCpu += await stop(r);
  await nc.drain();
  const jsmNc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(jsmNc);
  for (const s of [streamName('Events', tag), streamName('DeadLetters', tag)]) await jsm.streams.delete(s).catch(() => undefined);
  await jsmNc.close();
  // Inside the dialer, from its stored transitions: a call's end to the next dial on the same slot.
  const inner = await pg.query<{ p50: number; p99: number }>(`
    WITH t AS (
      SELECT c.organization_id, c.slot_no, tr.call_id, tr.at, tr.to_state, tr.from_state
        FROM "${tag}".call_transitions tr JOIN "${tag}".calls c ON c.call_id = tr.call_id),
    ev AS (
      SELECT organization_id, slot_no, at, CASE WHEN to_state = 'dialing' THEN 'dial' ELSE 'end' END AS kind FROM t
       WHERE to_state = 'dialing' OR (to_state IN ('ended', 'failed', 'no_answer', 'busy', 'cancelled') AND from_state IS DISTINCT FROM to_state)),
    gaps AS (
      SELECT kind, at - lag(at) OVER (PARTITION BY organization_id, slot_no ORDER BY at) AS gap, lag(kind) OVER (PARTITION BY organization_id, slot_no ORDER BY at) AS prev FROM ev)
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM gap) * 1000) AS p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM gap) * 1000) AS p99
      FROM gaps WHERE kind = 'dial' AND prev = 'end'`);
  const innerReuse = inner.rows[0] ?? { p50: 0, p99: 0 };
  await pg.query(`DROP SCHEMA IF EXISTS "${tag}" CASCADE`);
  await pg.end();

  const per = (secs: number) => Math.round((secs * 1e6) / Math.max(1, dispatched));
  const figures = {
    seconds: Number(elapsed.toFixed(2)), orgs: ORGS, slots: ORGS * SLOTS, holdMs: HOLD_MS, replicas: 2, telephony: 'synthetic (ended after holdMs)',
    dispatched, dispatchesPerSecond: Math.round(dispatched / elapsed),
    slotReuseP50Ms: Number(pct(reuse, 50).toFixed(1)), slotReuseP99Ms: Number(pct(reuse, 99).toFixed(1)),
    dialerReuseP50Ms: Number(Number(innerReuse.p50).toFixed(1)), dialerReuseP99Ms: Number(Number(innerReuse.p99).toFixed(1)),
    utilizationPct: Number(((occupiedMs / (ORGS * SLOTS * elapsed * 1000)) * 100).toFixed(1)),
    dialerCpuUsPerCall: Math.round(dialerCpu / Math.max(1, dispatched)),
    postgresCpuUsPerCall: per((cpu1.get('postgres') ?? 0) - (cpu0.get('postgres') ?? 0)),
    natsCpuUsPerCall: per((cpu1.get('nats-server') ?? 0) - (cpu0.get('nats-server') ?? 0)),
  };
  process.stdout.write(`dispatched ${figures.dispatched} in ${figures.seconds} s: ${figures.dispatchesPerSecond}/s; slot reuse p50 ${figures.slotReuseP50Ms} ms, p99 ${figures.slotReuseP99Ms} ms; utilization ${figures.utilizationPct} %\n`);
  process.stdout.write(`inside the dialer (stored transitions: a call's end → the next dial on its slot): p50 ${figures.dialerReuseP50Ms} ms, p99 ${figures.dialerReuseP99Ms} ms\n`);
  process.stdout.write(`CPU per call: dialers ${figures.dialerCpuUsPerCall} µs, Postgres ${figures.postgresCpuUsPerCall} µs, nats-server ${figures.natsCpuUsPerCall} µs\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
