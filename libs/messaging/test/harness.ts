import { MigrationInterface, QueryRunner } from 'typeorm';
import type { NatsConnection } from '@nats-io/nats-core';
import { createTestDatabase, deleteTestStreams, NatsTestNames, testEnv, TestDatabase, uniqueNatsNames } from '@santral/testing';
import { connectNats, ConsumerOutcome, EventBus, EventBusOptions, MessagingTables1763800000000, type UntypedMessages } from '@santral/messaging';

/** A table the test handlers write to; no unique key, so a double application shows. */
export class AppliedTable1763800000001 implements MigrationInterface {
  name = 'AppliedTable1763800000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE applied (consumer text NOT NULL, event_id uuid NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE applied`);
  }
}

export interface Harness {
  db: TestDatabase;
  names: NatsTestNames;
  nc: NatsConnection;
  outcomes: ConsumerOutcome[];
  subject(name: string): string;
  busOptions(overrides?: Partial<EventBusOptions>): EventBusOptions;
  bus(overrides?: Partial<EventBusOptions>, serviceName?: string, nc?: NatsConnection): EventBus<UntypedMessages>;
  appliedCounts(): Promise<{ total: number; distinct: number; maxPerEvent: number }>;
  /** Stops every bus this harness made (afterEach: a failed test must not leave its relay running into the next). */
  stopBuses(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createHarness(prefix: string, servers: string = testEnv.natsUrl, poolSize = 10): Promise<Harness> {
  const db = await createTestDatabase({ prefix, entities: [], migrations: [MessagingTables1763800000000, AppliedTable1763800000001], poolSize });
  const names = uniqueNatsNames(prefix);
  const nc = await connectNats({ servers, name: names.service });
  const outcomes: ConsumerOutcome[] = [];
  const buses: EventBus<UntypedMessages>[] = [];
  const busOptions = (overrides: Partial<EventBusOptions> = {}): EventBusOptions => ({
    stream: { name: names.stream, subjects: [`${names.subjectPrefix}.>`], maxBytes: 256 * 1024 ** 2 },
    // This stream captures `<prefix>.>`, so its dead letters live beside it, not under it.
    deadLetter: { stream: names.deadLetterStream, subjectPrefix: `${names.subjectPrefix}_dlq` },
    consumer: { maxDeliver: 3, backoff: { initialMs: 50, maxMs: 400, jitter: 0 }, ackWaitMs: 5000 },
    relay: { pollIntervalMs: 250, retryDelayMs: 100 },
    onOutcome: (o) => outcomes.push(o),
    ...overrides,
  });
  return {
    db,
    names,
    nc,
    outcomes,
    subject: (name) => `${names.subjectPrefix}.${name}`,
    busOptions,
    bus: (overrides = {}, serviceName = names.service, conn = nc) => {
      const b = new EventBus<UntypedMessages>({ connection: conn, dataSource: db.dataSource, serviceName, options: busOptions(overrides) });
      buses.push(b);
      return b;
    },
    appliedCounts: async () => {
      const [r] = await db.dataSource.query(
        `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct,
                coalesce(max(c), 0)::int AS "maxPerEvent"
           FROM applied LEFT JOIN (SELECT event_id AS e, count(*) AS c FROM applied GROUP BY event_id) x ON x.e = applied.event_id`,
      );
      return r as { total: number; distinct: number; maxPerEvent: number };
    },
    stopBuses: async () => {
      for (const b of buses.splice(0)) await b.stop().catch(() => undefined);
    },
    cleanup: async () => {
      for (const b of buses) await b.stop().catch(() => undefined);
      await nc.drain().catch(() => undefined);
      await deleteTestStreams([names.stream, names.deadLetterStream], servers).catch(() => undefined);
      await db.cleanup();
    },
  };
}

/** Handler that records one application per call. */
export function recordingHandler(consumer = 'test') {
  return async (_data: unknown, env: { id: string }, manager: { query(sql: string, p: unknown[]): Promise<unknown> }) => {
    await manager.query(`INSERT INTO applied (consumer, event_id) VALUES ($1, $2)`, [consumer, env.id]);
  };
}
