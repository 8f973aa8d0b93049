// The call-list import (issue 11, B3) through the API: a 1,000,000-row CSV of messy Turkish and
// international numbers (5 % invalid, 2 % duplicates, Windows-1254, `;`) is uploaded to a real
// api-gateway (HTTP, multipart, streamed into the JetStream Object Store), imported by the campaign
// service (streamed parse, worker-thread normalization, DNC flags from the dialer-orchestrator,
// COPY into staging, one INSERT … SELECT), all three booted in this process over real Postgres and
// NATS. Beside it, in the same run: a raw COPY of the same rows (already E.164) into a plain table.
//   npm run bench:import -- [rows=1000000]   (IMPORT_WORKERS=0 normalizes on the main thread; swc, not tsx: configs need decorator metadata)
// Prints seconds, rows/s, peak RSS (of this process: gateway + campaign + dialer + generator), CPU µs
// per row (this process, Postgres, nats-server), and the raw COPY's seconds. Last line: one JSON object of the figures.
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { streamName } from '@santral/contracts';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, createTestDatabase, deleteTestStreams, testEnv, testSecrets, uniqueName } from '@santral/testing';
import { gatewayService } from '../apps/api-gateway/src/app.module';
import { loadGatewayConfig } from '../apps/api-gateway/src/config';
import { campaignService } from '../apps/campaign/src/app.module';
import { dialerService } from '../apps/dialer-orchestrator/src/app.module';
import { cpuOfProcesses, spentWithNew } from './support/processes';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const ADMIN_KEY = 'bench-import-admin-key-0123456789abcdef';

/** Deterministic pseudo-random numbers (mulberry32), so every run imports the same file. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ayşe', 'Mehmet', 'Çağrı', 'Şükrü', 'İlknur', 'Gül', 'Özgür', 'Işıl', 'Ümit', 'Ahmet', 'John', 'Nguyễn'];
const LAST = ['Yılmaz', 'Öztürk', 'Şahin', 'Çelik', 'Doğan', 'Aydın', 'Smith', 'Kılıç'];

/** One messy form of a distinct valid number `n`, and its E.164. */
function messy(n: number, r: () => number): { text: string; e164: string } {
  const sub = String(n % 10_000_000).padStart(7, '0');
  const kind = r();
  if (kind < 0.7) {
    const prefix = ['532', '533', '542', '555', '505'][n % 5]!;
    const e164 = `+90${prefix}${sub}`;
    const forms = [`0${prefix} ${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}`, `0 (${prefix}) ${sub.slice(0, 3)}-${sub.slice(3, 5)}-${sub.slice(5)}`, `+90 ${prefix} ${sub}`, `90${prefix}${sub}`, `${prefix}${sub}`];
    return { text: forms[Math.floor(r() * forms.length)]!, e164 };
  }
  if (kind < 0.85) return { text: `0212 ${sub.slice(0, 3)} ${sub.slice(3, 5)} ${sub.slice(5)}`, e164: `+90212${sub}` };
  if (kind < 0.93) return { text: `+44 7700 ${String(n % 1_000_000).padStart(6, '0')}`, e164: `+447700${String(n % 1_000_000).padStart(6, '0')}` };
  return { text: `+49 151 ${String(n % 100_000_000).padStart(8, '0')}`, e164: `+49151${String(n % 100_000_000).padStart(8, '0')}` };
}

/** Writes the CSV (Windows-1254, `;`) and the raw COPY file (E.164 \t name) side by side, streamed. */
async function generate(csvPath: string, copyPath: string): Promise<{ valid: number; duplicates: number; invalid: number; onDnc: string[] }> {
  const r = random(11);
  const csv = createWriteStream(csvPath);
  const raw = createWriteStream(copyPath);
  const seen: string[] = [];
  let [valid, duplicates, invalid] = [0, 0, 0];
  const onDnc: string[] = [];
  let csvBuf = 'Ad Soyad;Cep Telefonu;Şehir\r\n';
  let rawBuf = '';
  for (let i = 0; i < ROWS; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i >> 3) % LAST.length]}`;
    const roll = r();
    let phone: string;
    if (roll < 0.05) {
      phone = ['0555 12', 'abc', '+90 555', '0000000', '12345678901234567'][i % 5]!;
      invalid++;
    } else if (roll < 0.07 && seen.length > 0) {
      phone = seen[Math.floor(r() * seen.length)]!; // the same number again, in another form
      duplicates++;
    } else {
      const m = messy(i, r);
      phone = m.text;
      if (seen.length < 50_000) seen.push(`+${m.e164.slice(1, 3)} ${m.e164.slice(3)}`);
      rawBuf += `${m.e164}\t${name}\n`;
      if (i % 100_000 === 7) onDnc.push(m.e164); // a few of the file's numbers go on the DNC list
      valid++;
    }
    csvBuf += `${name};${phone};İstanbul\r\n`;
    if (csvBuf.length > 1 << 16) {
      if (!csv.write(iconv.encode(csvBuf, 'windows-1254'))) await once(csv, 'drain');
      if (!raw.write(rawBuf)) await once(raw, 'drain');
      csvBuf = '';
      rawBuf = '';
    }
  }
  csv.end(iconv.encode(csvBuf, 'windows-1254'));
  raw.end(rawBuf);
  await Promise.all([once(csv, 'finish'), once(raw, 'finish')]);
  return { valid, duplicates, invalid, onDnc };
}

/** Streams the file as multipart/form-data to the listening gateway; resolves with the JSON answer. */
function upload(port: number, key: string, listId: string, file: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = '----santralbench';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="liste.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: `/v1/call-lists/${listId}/imports`, headers: { authorization: `Bearer ${key}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + statSync(file).size + tail.length } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const body = createReadStream(file);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

async function rawCopy(copyPath: string): Promise<number> {
  const client = new Client({ connectionString: testEnv.databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TEMP TABLE raw_copy (phone text, name text)');
    const t0 = performance.now();
    const stream = client.query(copyFrom('COPY raw_copy (phone, name) FROM STDIN'));
    createReadStream(copyPath).pipe(stream);
    await once(stream, 'finish');
    return (performance.now() - t0) / 1000;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const csvPath = join(tmpdir(), `santral-import-${process.pid}.csv`);
  const copyPath = join(tmpdir(), `santral-import-${process.pid}.copy`);
  const t0 = performance.now();
  const made = await generate(csvPath, copyPath);
  console.log(`generated ${ROWS} rows (${(statSync(csvPath).size / 1048576).toFixed(1)} MiB, Windows-1254, ;): ${made.valid} valid, ${made.duplicates} duplicates, ${made.invalid} invalid in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const prefix = uniqueName('bench_import');
  const silent = { NODE_ENV: 'production', LOG_LEVEL: 'warn', NATS_URL: testEnv.natsUrl, SUBJECT_PREFIX: prefix };
  const dbs = await Promise.all([
    createTestDatabase({ prefix: 'bench_gw', entities: serviceEntities(gatewayService), migrations: serviceMigrations(gatewayService) }),
    createTestDatabase({ prefix: 'bench_dlr', entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) }),
    createTestDatabase({ prefix: 'bench_cmp', entities: serviceEntities(campaignService), migrations: serviceMigrations(campaignService) }),
  ]);
  const [gwDb, dlrDb, cmpDb] = dbs;
  const gwConfig = loadGatewayConfig({ ...silent, DATABASE_URL: gwDb!.url, DB_SCHEMA: gwDb!.schema, SANTRAL_ADMIN_KEY: ADMIN_KEY, RPC_TIMEOUT_MS: '30000', TELEPHONY_SEALING_PUBLIC_KEY: testSecrets().TELEPHONY_SEALING_PUBLIC_KEY });
  const gateway = await bootTestService(gatewayService, gwConfig, { listen: { port: 0 } });
  const dialer = await bootTestService(dialerService, dialerService.loadConfig({ ...silent, DATABASE_URL: dlrDb!.url, DB_SCHEMA: dlrDb!.schema, DISPATCH_INTERVAL_MS: '0', WATCHDOG_INTERVAL_MS: '0' }));
  const campaign = await bootTestService(campaignService, campaignService.loadConfig({ ...silent, DATABASE_URL: cmpDb!.url, DB_SCHEMA: cmpDb!.schema, ...(process.env.IMPORT_WORKERS ? { IMPORT_WORKERS: process.env.IMPORT_WORKERS } : {}) }));
  const port = (gateway.getHttpServer().address() as { port: number }).port;
  const api = async (method: string, url: string, key: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  try {
    const org = await api('POST', '/v1/organizations', ADMIN_KEY, { name: 'Bench', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' });
    const key = org.body.apiKey as string;
    const orgId = (org.body.organization as { id: string }).id;
    // The services learn the organization's country from its event; the DNC list holds a few of the file's numbers.
    for (let list = await api('POST', '/v1/call-lists', key, { name: 'Bench' }); ; list = await api('POST', '/v1/call-lists', key, { name: 'Bench' })) {
      if (list.status === 201) {
        for (;;) {
          const dnc = await api('POST', '/v1/dnc', key, { numbers: made.onDnc });
          if (dnc.status === 200) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        const listId = list.body.id as string;
        const cpu0 = process.cpuUsage();
        const others0 = { pg: cpuOfProcesses(['postgres']), nats: cpuOfProcesses(['nats-server']) };
        const start = performance.now();
        const accepted = await upload(port, key, listId, csvPath);
        if (accepted.status !== 202) throw new Error(`upload: ${accepted.status} ${JSON.stringify(accepted.body)}`);
        const uploaded = (performance.now() - start) / 1000;
        let job: Record<string, unknown>;
        for (;;) {
          job = (await api('GET', `/v1/imports/${accepted.body.id as string}`, key)).body;
          if (job.state === 'completed' || job.state === 'failed') break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const seconds = (performance.now() - start) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const others1 = { pg: cpuOfProcesses(['postgres']), nats: cpuOfProcesses(['nats-server']) };
        const copySeconds = await rawCopy(copyPath);
        const figures = {
          rows: ROWS, seconds: +seconds.toFixed(2), uploadSeconds: +uploaded.toFixed(2), rowsPerSecond: Math.round(ROWS / seconds),
          state: job.state, accepted: job.accepted, rejected: job.rejected, duplicates: job.duplicates, onDnc: job.onDnc, errorCode: job.errorCode,
          peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), cpuMicrosPerRow: +((cpu.user + cpu.system) / ROWS).toFixed(1),
          postgresMicrosPerRow: +((spentWithNew(others0.pg, others1.pg) * 1e6) / ROWS).toFixed(1), natsMicrosPerRow: +((spentWithNew(others0.nats, others1.nats) * 1e6) / ROWS).toFixed(1),
          rawCopySeconds: +copySeconds.toFixed(2), vsRawCopy: +(seconds / copySeconds).toFixed(2), workers: process.env.IMPORT_WORKERS ?? '2', organization: orgId,
        };
        console.log(`import through the API: ${figures.seconds} s (upload ${figures.uploadSeconds} s), ${figures.rowsPerSecond} rows/s, ${job.accepted} accepted, ${job.rejected} rejected (${job.duplicates} duplicates), ${job.onDnc} on DNC, state ${job.state}`);
        console.log(`raw COPY of the same ${made.valid} rows: ${figures.rawCopySeconds} s (import = ${figures.vsRawCopy}× raw COPY)`);
        console.log(`peak RSS ${figures.peakRssMB} MB (gateway + campaign + dialer + this script), CPU per row: ${figures.cpuMicrosPerRow} µs this process, ${figures.postgresMicrosPerRow} µs Postgres (every postgres process, the checkpointer and WAL writer too), ${figures.natsMicrosPerRow} µs nats-server`);
        console.log(JSON.stringify(figures));
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await campaign.close();
    await dialer.close();
    await gateway.close();
    for (const db of dbs) await db.cleanup();
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix), `OBJ_${prefix}_imports`]);
    unlinkSync(csvPath);
    unlinkSync(copyPath);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error);
    process.exit(1);
  },
);
