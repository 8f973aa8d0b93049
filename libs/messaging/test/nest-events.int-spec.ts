import 'reflect-metadata';
import { Controller, INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@santral/contracts';
import { PersistenceModule } from '@santral/persistence';
import { testEnv, waitFor } from '@santral/testing';
import { EventPublisher, MessagingModule, MessagingTables1763800000000, OnEvent, PayloadValidator, type UntypedMessages } from '@santral/messaging';
import { AppliedTable1763800000001, createHarness, Harness } from './harness';

jest.setTimeout(30_000);

let h: Harness;
// Plain subject constants, as services write them; the bus puts the test prefix in front on NATS.
const subjects = { ended: 'dialer.call.ended.v1', settled: 'billing.charge.settled.v1', slow: 'test.slow.thing.v1' } as const;
const settled: EventEnvelope[] = [];
const slowStarted: string[] = [];

@Injectable()
class CallEndedConsumer {
  constructor(private readonly publisher: EventPublisher<UntypedMessages>) {}

  @OnEvent(subjects.ended, { name: 'call-ended' })
  async onCallEnded(data: { callId: string }, env: EventEnvelope<{ callId: string }>, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO applied (consumer, event_id) VALUES ('ended', $1)`, [env.id]);
    await this.publisher.publish(subjects.settled, { callId: data.callId }, { orgid: env.orgid, manager });
  }
}

@Controller()
class SettlementsMessagesController {
  @OnEvent(subjects.settled, { name: 'settled' })
  onSettled(_data: unknown, env: EventEnvelope): void {
    settled.push(env);
  }

  @OnEvent(subjects.slow, { name: 'slow', concurrency: 2 })
  async onSlow(_data: unknown, env: EventEnvelope, manager: EntityManager): Promise<void> {
    slowStarted.push(env.id);
    await new Promise((r) => setTimeout(r, 300));
    await manager.query(`INSERT INTO applied (consumer, event_id) VALUES ('slow', $1)`, [env.id]);
  }
}

const validator: PayloadValidator = (_subject, data) =>
  typeof (data as { callId?: unknown })?.callId === 'string' ? { ok: true, value: data } : { ok: false, errors: ['callId is required'] };

function appModule() {
  @Module({
    imports: [
      PersistenceModule.forService({ url: testEnv.databaseUrl, schema: h.db.schema, entities: [], migrations: [MessagingTables1763800000000, AppliedTable1763800000001] }),
      MessagingModule.forRoot({ serviceName: h.names.service, natsUrl: testEnv.natsUrl, subjectPrefix: h.names.subjectPrefix, events: h.busOptions({ validator }) }),
    ],
    providers: [CallEndedConsumer],
    controllers: [SettlementsMessagesController],
  })
  class AppModule {}
  return AppModule;
}

async function startApp(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(appModule(), { logger: false });
  await app.init();
  return app;
}

describe('Nest integration: @OnEvent handlers, EventPublisher, graceful shutdown', () => {
  beforeAll(async () => {
    h = await createHarness('nest');
  });
  afterAll(async () => {
    await h.cleanup();
  });

  it('runs a handler in the inbox transaction and carries correlation and trace to what it publishes', async () => {
    const app = await startApp();
    const publisher = app.get<EventPublisher<UntypedMessages>>(EventPublisher);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const ended = await publisher.publish(subjects.ended, { callId: 'c-1' }, { orgid: null, correlationid: 'corr-42', traceparent });
    await waitFor(() => settled.find((e) => e.causationid === ended.id), 10_000, 'settled event');
    const follow = settled.find((e) => e.causationid === ended.id)!;
    expect(follow).toMatchObject({ type: subjects.settled, correlationid: 'corr-42', causationid: ended.id, traceparent, data: { callId: 'c-1' } });
    const [row] = await h.db.dataSource.query(`SELECT subject FROM outbox WHERE id = $1`, [follow.id]);
    expect(row.subject).toBe(`${h.names.subjectPrefix}.${subjects.settled}`);
    expect(follow.source).toBe(`santral/${h.names.service}`);
    await app.close();
  });

  it('dead-letters a payload the pluggable validator rejects', async () => {
    const app = await startApp();
    const bad = await app.get<EventPublisher<UntypedMessages>>(EventPublisher).publish(subjects.ended, { nope: true }, { orgid: null });
    await waitFor(() => h.outcomes.find((o) => o.eventId === bad.id && o.kind === 'dead-letter'), 10_000, 'dead letter');
    await app.close();
  });

  it('on shutdown stops pulling and finishes what it holds; a new instance applies the rest, each once', async () => {
    const first = await startApp();
    const envs = await first.get<EventPublisher<UntypedMessages>>(EventPublisher).publishMany(Array.from({ length: 8 }, (_, i) => ({ type: subjects.slow, data: { callId: `s${i}` }, orgid: null })));
    await waitFor(() => slowStarted.length >= 2, 10_000, 'slow handlers running');
    await first.close();
    const second = await startApp();
    const ids = envs.map((e) => e.id);
    await waitFor(
      async () => (await h.db.dataSource.query(`SELECT count(*)::int AS n FROM applied WHERE consumer = 'slow'`))[0].n === ids.length,
      15_000,
      'all slow events applied',
    );
    await second.close();
    const rows: Array<{ n: number }> = await h.db.dataSource.query(
      `SELECT count(*)::int AS n FROM applied WHERE consumer = 'slow' GROUP BY event_id`,
    );
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(rows).toHaveLength(ids.length);
  });
});
