import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { deadLetterSubjectPrefix, streamName } from '@santral/contracts';
import { testEnv, uniqueName } from './env';

/** Names one test file owns on the shared NATS server, so files never collide. */
export interface NatsTestNames {
  /** Event stream name (upper case, like the real one). */
  stream: string;
  /** Subject prefix for this file's events: `<prefix>.call.ended.v1`. */
  subjectPrefix: string;
  deadLetterStream: string;
  deadLetterPrefix: string;
  /** Use as the service name: durable names are `<service>__<subscription>`. */
  service: string;
}

export function uniqueNatsNames(prefix: string): NatsTestNames {
  const base = uniqueName(prefix);
  return {
    // What a service's bus derives from SUBJECT_PREFIX=base (libs/contracts streams.ts).
    stream: streamName('Events', base),
    subjectPrefix: base,
    deadLetterStream: streamName('DeadLetters', base),
    deadLetterPrefix: deadLetterSubjectPrefix(base),
    service: `svc_${base}`,
  };
}

/** Deletes this test's own streams (never shared ones). */
export async function deleteTestStreams(names: string[], servers = testEnv.natsUrl): Promise<void> {
  const nc = await connect({ servers });
  try {
    const jsm = await jetstreamManager(nc);
    for (const n of names) await jsm.streams.delete(n).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

/** What a truthy value of `T` can be (what `waitFor` resolves to). */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls until `predicate` is truthy and resolves to that value; rejects with `message` after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 10_000, message = 'condition', intervalMs = 20): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await predicate();
    if (v) return v as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`waitFor: ${message} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => (s.destroy(), resolve(false)));
    s.connect(port, '127.0.0.1');
  });
}

/** A private `nats-server -js` for tests that stop or restart NATS; never the shared one. */
export interface PrivateNatsServer {
  url: string;
  port: number;
  storeDir: string;
  /** Stops the process (SIGTERM), keeping the store. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it and removes the store. */
  dispose(): Promise<void>;
}

export interface PrivateNatsServerOptions {
  binary?: string;
  /**
   * A server config file's text, given the port and store chosen for this server (e.g.
   * scripts/nats-config.ts renderServerConfig); the server then runs with it (`-c`).
   */
  config?: (port: number, storeDir: string) => string;
  /** Environment of the server process (the passwords a generated config reads). */
  env?: Record<string, string>;
}

export async function startPrivateNatsServer(options: string | PrivateNatsServerOptions = {}): Promise<PrivateNatsServer> {
  const { binary = 'nats-server', config, env } = typeof options === 'string' ? { binary: options } : options;
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'santral-nats-'));
  const configFile = join(storeDir, 'nats.conf');
  if (config) writeFileSync(configFile, config(port, join(storeDir, 'js')));
  const args = config ? ['-c', configFile] : ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
  let proc: ChildProcess | undefined;

  const start = async () => {
    proc = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    const started = proc;
    let stderr = '';
    started.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    try {
      await waitFor(async () => started.exitCode === null && (await portOpen(port)), 20_000, `nats-server on port ${port}`, 25);
    } catch (e) {
      throw new Error(`${(e as Error).message} (exit ${started.exitCode}): ${stderr.trim()}`);
    }
  };
  const stop = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
