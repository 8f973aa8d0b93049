import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { importBucketName, streamName } from '@santral/contracts';
import { deleteTestStreams, freePort, testEnv, testSecrets, uniqueName } from '@santral/testing';

// The whole of Santral as separate OS processes (node dist/apps/<name>/src/main.js, as
// scripts/start.js runs them), on a database of its own, its own ports and its own subject
// prefix, so that a test file sees only its own events. `npm test` builds dist before jest runs.
const root = path.resolve(__dirname, '..', '..', '..');
const registry = JSON.parse(readFileSync(path.join(root, 'libs', 'contracts', 'src', 'services', 'services.json'), 'utf8')) as Array<{ name: string; schema: string; nodeFlags: string[] }>;

export const SERVICE_NAMES = ['api-gateway', 'telephony-gateway', 'campaign', 'dialer-orchestrator', 'billing', 'transcript', 'ticketing'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface StackOptions {
  /** Names the database, the subject prefix and the log file. */
  name: string;
  /** A Postgres server URL (the database part is replaced by the stack's own); default: the test server. */
  postgresUrl?: string;
  natsUrl?: string;
  /** Extra environment per service (after the stack's defaults). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /**
   * Start a service again when it exits by itself, as a process supervisor (Kubernetes) would;
   * each such exit is kept in `crashes`. Off: an exit stays an exit.
   */
  supervise?: boolean;
}

export interface Crash {
  name: ServiceName;
  /** Exit code or signal. */
  exit: string;
  at: Date;
}

export interface ServiceProcess {
  name: ServiceName;
  schema: string;
  port: number;
  child?: ChildProcess;
}

export interface Stack {
  baseUrl: string;
  adminKey: string;
  subjectPrefix: string;
  /** The stack's own database. */
  databaseUrl: string;
  logFile: string;
  services: Record<ServiceName, ServiceProcess>;
  /** How long booting (migrations and seven ready services) took, in ms. */
  bootMs: number;
  /** Services that exited by themselves (not killed by the stack). */
  crashes: Crash[];
  /** Reads one service's schema (checking only: tests drive the stack through the gateway's HTTP API). */
  query<T = Record<string, unknown>>(service: ServiceName, sql: string, params?: unknown[]): Promise<T[]>;
  /** SIGKILL (or the given signal) and wait for the exit. */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again and waits until it is ready. */
  start(name: ServiceName): Promise<void>;
  restart(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  waitReady(name: ServiceName, timeoutMs?: number): Promise<void>;
  /** Points every service at another NATS / Postgres server; takes effect on each one's next start. */
  repoint(next: { natsUrl?: string; postgresUrl?: string }): void;
  /** The last lines of the log (all services), for failure messages. */
  logTail(lines?: number): string;
  close(): Promise<void>;
}

const defaultEnv: Partial<Record<ServiceName, Record<string, string>>> = {
  'dialer-orchestrator': {
    PROVIDER_CPS_DEFAULT: '1000',
    DISPATCH_INTERVAL_MS: '100',
    WATCHDOG_INTERVAL_MS: '500',
    LEASE_GRACE_MS: '3000',
    RING_TIMEOUT_GRACE_MS: '2000',
    QUEUED_MAX_MS: '30000',
    OPERATOR_SWEEP_INTERVAL_MS: '1000',
    OPERATOR_SWEEP_GRACE_MS: '3000',
    RESERVATION_DEFAULT_SECONDS: '600',
  },
  billing: { SWEEP_INTERVAL_MS: '500', RESERVATION_GRACE_SECONDS: '30', PAYMENT_WORKER_INTERVAL_MS: '500' },
  campaign: { CAMPAIGN_JOB_INTERVAL_MS: '200', IMPORT_RECOVERY_INTERVAL_MS: '2000', IMPORT_STALE_MS: '10000' },
  'telephony-gateway': { RECONCILER_INTERVAL_MS: '1000', RECONCILER_GRACE_SECONDS: '5' },
  'api-gateway': { RPC_TIMEOUT_MS: '10000' },
};

function withDatabase(serverUrl: string, db: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  return url.toString();
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function ready(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Boots the seven services (after each migrates its schema) and resolves once every one is ready. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const started = Date.now();
  const postgresUrl = opts.postgresUrl ?? testEnv.databaseUrl;
  const natsUrl = opts.natsUrl ?? testEnv.natsUrl;
  const dbName = uniqueName(`e2e_${opts.name}`);
  const subjectPrefix = uniqueName(opts.name);
  const databaseUrl = withDatabase(postgresUrl, dbName);
  const adminKey = `sk_admin_${randomBytes(18).toString('base64url')}`;
  const logDir = path.join(tmpdir(), 'santral-e2e');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${dbName}.log`);
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const tail: string[] = [];
  const write = (who: string, text: string) => {
    for (const line of text.split('\n')) {
      if (!line) continue;
      const entry = `${new Date().toISOString()} [${who}] ${line}`;
      log.write(`${entry}\n`);
      // Info lines (requests, boot) stay in the file only: the tail is for what went wrong.
      if (!line.includes('"msg":"request completed"') && !line.includes('"level":30')) tail.push(entry);
      if (tail.length > 2000) tail.splice(0, tail.length - 2000);
    }
  };

  const ports = await Promise.all(SERVICE_NAMES.map(() => freePort()));
  const simulatorPort = await freePort();
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name, i) => [name, { name, schema: registry.find((s) => s.name === name)!.schema, port: ports[i]! }]),
  ) as Record<ServiceName, ServiceProcess>;
  const secrets = testSecrets();
  const controlKey = `ctl_${randomBytes(24).toString('base64url')}`;
  const current = { natsUrl, databaseUrl };

  const envOf = (name: ServiceName): Record<string, string> => {
    const { SECRETS_KEY: _s, TELEPHONY_SEALING_PRIVATE_KEY: _p, NATS_USER: _u, NATS_PASSWORD: _w, ...parent } = process.env as Record<string, string>;
    const base: Record<string, string> = {
      ...parent,
      NODE_ENV: 'test',
      SANTRAL_DEV_MODE: 'true',
      LOG_LEVEL: process.env.SANTRAL_E2E_LOG_LEVEL ?? 'info',
      DATABASE_URL: current.databaseUrl,
      NATS_URL: current.natsUrl,
      DB_SCHEMA: services[name].schema,
      HTTP_PORT: String(services[name].port),
      SUBJECT_PREFIX: subjectPrefix,
      EVENTS_STREAM_MAX_MB: '64',
      SANTRAL_ADMIN_KEY: adminKey,
      TELEPHONY_SEALING_PUBLIC_KEY: secrets.TELEPHONY_SEALING_PUBLIC_KEY,
    };
    if (name === 'telephony-gateway') {
      Object.assign(base, {
        SECRETS_KEY: secrets.SECRETS_KEY,
        TELEPHONY_SEALING_PRIVATE_KEY: secrets.TELEPHONY_SEALING_PRIVATE_KEY,
        SIMULATOR_ENABLED: 'true',
        SIMULATOR_PORT: String(simulatorPort),
        SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
        SIMULATOR_CONTROL_KEY: controlKey,
        PUBLIC_BASE_URL: `http://127.0.0.1:${services[name].port}`,
      });
    }
    return { ...base, ...defaultEnv[name], ...opts.env?.[name] };
  };

  const entry = (name: ServiceName) => path.join(root, 'dist', 'apps', name, 'src', 'main.js');
  const flags = (name: ServiceName) => registry.find((s) => s.name === name)!.nodeFlags;

  const migrate = (name: ServiceName) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [entry(name), 'migrate'], { cwd: root, env: envOf(name), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.once('exit', (code) => {
        write(`${name} migrate`, out);
        if (code === 0) resolve();
        else reject(new Error(`migrations of ${name} failed (exit ${code}):\n${out}`));
      });
    });

  const waitReady = async (name: ServiceName, timeoutMs = 60_000) => {
    const svc = services[name];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (svc.child?.exitCode !== null && svc.child?.exitCode !== undefined) {
        throw new Error(`${name} exited (${svc.child.exitCode}) before it was ready; log ${logFile}:\n${stack.logTail(40)}`);
      }
      if (await ready(svc.port)) return;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${name} was not ready within ${timeoutMs} ms; log ${logFile}:\n${stack.logTail(40)}`);
  };

  const killing = new WeakSet<ChildProcess>();
  const crashes: Crash[] = [];
  let closing = false;
  const spawnService = (name: ServiceName) => {
    const child = spawn(process.execPath, [...flags(name), entry(name)], { cwd: root, env: envOf(name), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => write(name, d.toString()));
    child.stderr?.on('data', (d: Buffer) => write(name, d.toString()));
    child.once('exit', (code, signal) => {
      write('stack', `${name} exited (${signal ?? code})`);
      if (killing.has(child) || closing) return;
      crashes.push({ name, exit: String(signal ?? code), at: new Date() });
      if (opts.supervise) {
        write('stack', `${name} exited by itself: starting it again`);
        setTimeout(() => !closing && spawnService(name), 500);
      }
    });
    services[name].child = child;
  };

  const kill = async (name: ServiceName, signal: NodeJS.Signals = 'SIGKILL') => {
    const child = services[name].child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    killing.add(child);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    write('stack', `sending ${signal} to ${name} (pid ${child.pid})`);
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(force);
  };

  const pools = new Map<ServiceName, Client>();
  const clientOf = async (name: ServiceName): Promise<Client> => {
    let c = pools.get(name);
    if (!c) {
      c = new Client({ connectionString: current.databaseUrl });
      c.on('error', () => pools.delete(name));
      await c.connect();
      await c.query(`SET search_path TO "${services[name].schema}"`);
      pools.set(name, c);
    }
    return c;
  };

  const stack: Stack = {
    baseUrl: `http://127.0.0.1:${services['api-gateway'].port}`,
    adminKey,
    subjectPrefix,
    databaseUrl,
    logFile,
    services,
    bootMs: 0,
    crashes,
    async query<T>(name: ServiceName, sql: string, params: unknown[] = []) {
      try {
        return (await (await clientOf(name)).query(sql, params)).rows as T[];
      } catch (e) {
        // A connection lost to a Postgres restart: one fresh try.
        pools.get(name)?.end().catch(() => undefined);
        pools.delete(name);
        if (!/terminat|closed|ECONNRESET|not queryable/i.test((e as Error).message)) throw e;
        return (await (await clientOf(name)).query(sql, params)).rows as T[];
      }
    },
    kill,
    async start(name) {
      spawnService(name);
      await waitReady(name);
    },
    async restart(name, signal = 'SIGKILL') {
      await kill(name, signal);
      spawnService(name);
      await waitReady(name);
    },
    waitReady,
    repoint(next) {
      if (next.natsUrl) current.natsUrl = next.natsUrl;
      if (next.postgresUrl) current.databaseUrl = withDatabase(next.postgresUrl, dbName);
    },
    logTail(lines = 60) {
      return tail.slice(-lines).join('\n');
    },
    async close() {
      closing = true;
      for (const c of pools.values()) await c.end().catch(() => undefined);
      await Promise.all(SERVICE_NAMES.map((n) => kill(n, 'SIGTERM').catch(() => undefined)));
      await new Promise((r) => log.end(r));
      await admin(postgresUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
      await deleteTestStreams([streamName('Events', subjectPrefix), streamName('DeadLetters', subjectPrefix), `OBJ_${importBucketName(subjectPrefix)}`], current.natsUrl).catch(() => undefined);
    },
  };

  await admin(postgresUrl, `CREATE DATABASE "${dbName}"`);
  try {
    await Promise.all(SERVICE_NAMES.map(migrate));
    SERVICE_NAMES.forEach(spawnService);
    await Promise.all(SERVICE_NAMES.map((n) => waitReady(n, 90_000)));
  } catch (e) {
    await stack.close();
    throw e;
  }
  stack.bootMs = Date.now() - started;
  write('stack', `ready in ${stack.bootMs} ms`);
  return stack;
}
