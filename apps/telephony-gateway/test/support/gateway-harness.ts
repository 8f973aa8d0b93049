import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { Webhook } from 'standardwebhooks';
import { connectNats } from '@santral/messaging';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, createTestDatabase, deleteTestStreams, freePort, testEnv, testSecrets, type TestDatabase, uniqueNatsNames, waitFor } from '@santral/testing';
import { telephonyService } from '../../src/app.module';
import { loadTelephonyConfig, type TelephonyConfig } from '../../src/config';
import { SimulatorServer } from '../../src/simulator/simulator.server';

export interface OutboxEvent {
  subject: string;
  type: string;
  data: Record<string, unknown>;
  envelope: Record<string, unknown>;
}

export interface GatewayHarness {
  app: NestFastifyApplication;
  db: TestDatabase;
  config: TelephonyConfig;
  sim: SimulatorServer;
  baseUrl: string;
  prefix: string;
  nc: NatsConnection;
  orgId: string;
  /** Facts in the outbox, optionally for one call, with the prefix removed from `type`. */
  events(callId?: string): Promise<OutboxEvent[]>;
  waitForEvent(callId: string, type: string, timeoutMs?: number): Promise<OutboxEvent>;
  sendCommand(name: string, data: object, id?: string): Promise<string>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/** The real telephony-gateway app (HTTP + JetStream + Postgres) on its own schema, stream and port, with a real simulator. */
export async function startGateway(prefix: string, env: Record<string, string> = {}, opts: { rpc?: boolean } = {}): Promise<GatewayHarness> {
  const db = await createTestDatabase({ prefix, entities: serviceEntities(telephonyService), migrations: serviceMigrations(telephonyService) });
  const names = uniqueNatsNames(prefix);
  // The simulator's control key is shared by the gateway and its simulator only (as main.ts does).
  const controlKey = env.SIMULATOR_CONTROL_KEY ?? `ctl_${randomBytes(24).toString('base64url')}`;
  const sim = new SimulatorServer({ controlKey });
  const simUrl = await sim.listen(0);
  const port = await freePort();
  const config = loadTelephonyConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, DB_SCHEMA: db.schema, NATS_URL: testEnv.natsUrl,
    HTTP_PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, SIMULATOR_URL: simUrl, SIMULATOR_CONTROL_KEY: controlKey,
    SUBJECT_PREFIX: names.subjectPrefix, RECONCILER_INTERVAL_MS: '0', ...testSecrets(), ...env,
  });
  const app = await bootTestService(telephonyService, config, { rpc: opts.rpc ?? false, listen: { port } });
  const nc = await connectNats({ servers: testEnv.natsUrl, name: `${names.service}-test` });
  const js = jetstream(nc);
  const events = async (callId?: string): Promise<OutboxEvent[]> => {
    const rows: Array<{ subject: string; envelope: Record<string, unknown> }> = await db.dataSource.query(
      callId ? `SELECT subject, envelope FROM outbox WHERE envelope->>'subject' = $1 ORDER BY seq` : `SELECT subject, envelope FROM outbox ORDER BY seq`,
      callId ? [callId] : [],
    );
    return rows.map((r) => ({ subject: r.subject, type: String(r.envelope.type), data: r.envelope.data as Record<string, unknown>, envelope: r.envelope }));
  };
  return {
    app, db, config, sim, prefix: names.subjectPrefix, nc, baseUrl: `http://127.0.0.1:${port}`, orgId: uuidv4(),
    events,
    waitForEvent: (callId, type, timeoutMs = 15_000) =>
      waitFor(async () => (await events(callId)).find((e) => e.type === type), timeoutMs, `${type} for ${callId}`, 50) as Promise<OutboxEvent>,
    sendCommand: async (name, data, id = uuidv7()) => {
      const subject = `${names.subjectPrefix}.${name}`;
      const env = { specversion: '1.0', id, source: 'santral/test', type: name, time: new Date().toISOString(), datacontenttype: 'application/json', data, orgid: (data as { organizationId?: string }).organizationId ?? null, correlationid: id, causationid: null };
      await js.publish(subject, JSON.stringify(env), { msgID: `${id}-${randomBytes(4).toString('hex')}` });
      return id;
    },
    count: async (table) => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n),
    close: async () => {
      // The simulator first: it stops calling the webhooks of an app that is shutting down.
      await sim.close().catch(() => undefined);
      await app.close().catch(() => undefined);
      await nc.drain().catch(() => undefined);
      await deleteTestStreams([names.stream, names.deadLetterStream]).catch(() => undefined);
      await db.cleanup();
    },
  };
}

/** Signs and posts one simulator webhook the way the simulator does (tests of replays and reordering). */
export async function postSimulatorWebhook(
  baseUrl: string, accountId: string, signingSecret: string, type: string, body: Record<string, unknown>,
  opts: { id?: string; timestamp?: Date; signature?: string } = {},
): Promise<{ status: number; body: string }> {
  const id = opts.id ?? `evt_${uuidv4()}`;
  const payload = JSON.stringify({ id, type, ...body });
  const ts = opts.timestamp ?? new Date();
  const headers = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(ts.getTime() / 1000)),
    'webhook-signature': opts.signature ?? new Webhook(signingSecret).sign(id, ts, payload),
  };
  const res = await fetch(`${baseUrl}/webhooks/simulator/${accountId}/${type}`, { method: 'POST', headers, body: payload });
  return { status: res.status, body: await res.text() };
}

export const SIGNING_SECRET = `whsec_${Buffer.from('santral-test-signing-secret-32by').toString('base64')}`;
