import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { streamName } from '@santral/contracts';
import { decodeJson } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { testEnv } from '@santral/testing';
import { dialerService } from '../../src/app.module';

/** One dialer replica running as its own process. */
export interface DialerReplica {
  readonly pid: number;
  /** SIGKILL: no shutdown hook runs, nothing is flushed, open transactions roll back. Resolves once it exited. */
  kill(): Promise<void>;
  /** A graceful stop (the app closes), SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
  readonly exited: boolean;
}

/**
 * N real dialer-orchestrator replicas as child processes over one schema and one subject prefix
 * (one deployment), as bench/dialer.ts runs them: the test migrates the schema once, then forks
 * `dialer-replica.main.ts` per replica with the environment it names. `closeAll` ends every replica
 * still running (call it in afterAll, also on failure); a replica also exits when its parent dies.
 */
export class DialerReplicas {
  private readonly running = new Set<DialerReplica>();

  constructor(private readonly env: Record<string, string>) {}

  /** The environment every replica gets (DATABASE_URL, DB_SCHEMA, NATS_URL, SUBJECT_PREFIX, NODE_ENV, …). */
  static env(schema: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
    return { NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered', LOG_LEVEL: 'silent', DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: schema, SUBJECT_PREFIX: prefix, ...extra };
  }

  /** Creates the replicas' shared schema (before the first one starts). */
  async migrate(): Promise<void> {
    await migrateService({ url: this.env.DATABASE_URL!, schema: this.env.DB_SCHEMA!, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
  }

  /** Forks one replica and resolves once it serves (consumers, RPC, dispatcher, watchdog running). */
  async start(extra: Record<string, string> = {}): Promise<DialerReplica> {
    const child: ChildProcess = fork(join(__dirname, 'dialer-replica.main.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env, ...extra },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let exited = false;
    const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
    const replica: DialerReplica = {
      pid: child.pid!,
      get exited() {
        return exited;
      },
      kill: async () => {
        if (!exited) child.kill('SIGKILL');
        await exit;
        this.running.delete(replica);
      },
      stop: async () => {
        if (!exited && child.connected) child.send({ cmd: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(timer);
        this.running.delete(replica);
      },
    };
    this.running.add(replica);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dialer replica ${child.pid} not ready in 60 s`)), 60_000);
      child.once('message', () => (clearTimeout(timer), resolve()));
      void exit.then(() => (clearTimeout(timer), reject(new Error(`dialer replica ${child.pid} exited while starting`))));
    }).catch(async (err: Error) => {
      await replica.kill();
      throw err;
    });
    return replica;
  }

  /** Stops every replica still running (gracefully, then SIGKILL). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.running].map((r) => r.stop()));
  }
}

export interface StoredEvent {
  id: string;
  type: string;
  orgid: string | null;
  data: Record<string, unknown>;
}

/**
 * Every event the prefix's stream holds on these subjects (prefix included), once each — the
 * stream deduplicates a relay's re-publication of one outbox row, so this is what consumers get.
 */
export async function eventsOnStream(nc: NatsConnection, prefix: string, subjects: string[]): Promise<StoredEvent[]> {
  const js = jetstream(nc);
  const out: StoredEvent[] = [];
  // One ordered consumer per subject (several filters need nats-server 2.10).
  for (const subject of subjects) {
    const consumer = await js.consumers.get(streamName('Events', prefix), { filter_subjects: `${prefix}.${subject}` });
    for (;;) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
      let got = 0;
      let left = -1;
      for await (const m of batch) {
        out.push(decodeJson(m.data) as StoredEvent);
        got++;
        left = m.info.pending;
      }
      if (got === 0 || left === 0) break;
    }
  }
  return out;
}
