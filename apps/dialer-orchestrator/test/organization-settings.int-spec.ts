import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { makeEnvelope, OrganizationSnapshotV1, Rpc, streamName, Subjects } from '@santral/contracts';
import { connectNats, NatsRpcClient, RpcRemoteError } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { bootTestService, deleteTestStreams, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { dialerService } from '../src/app.module';

// The dialer keeps its copy of each organization's capacity from gateway.organization.*
// events (real NATS JetStream, real Postgres, the real AppModule).
describe('dialer: organization settings from gateway events', () => {
  const schema = uniqueName('dialer');
  const prefix = uniqueName('dlr');
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  let rpc: NatsRpcClient;

  const snapshot = (orgId: string, slots: number): OrganizationSnapshotV1 => ({
    organizationId: orgId,
    name: 'Clinic',
    plan: 'free',
    limits: { concurrentSlots: slots, callsPerHour: 100, minCreditsToStart: 10 },
    defaultCountry: 'TR',
    timeZone: 'Europe/Istanbul',
  });

  async function publish(type: string, data: OrganizationSnapshotV1, time = new Date()): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/api-gateway', data, orgid: data.organizationId, subject: data.organizationId, time });
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  const settingsOf = (organizationId: string) =>
    rpc.request(Rpc.Dialer.SettingsGet, { organizationId });

  beforeAll(async () => {
    await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({
      DATABASE_URL: testEnv.databaseUrl,
      NATS_URL: testEnv.natsUrl,
      DB_SCHEMA: schema,
      SUBJECT_PREFIX: prefix,
      NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered',
      LOG_LEVEL: 'silent',
    });
    app = await bootTestService(dialerService, config);
    nc = await connectNats({ servers: testEnv.natsUrl });
    rpc = new NatsRpcClient(nc, { subjectPrefix: prefix });
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await dropSchema(testEnv.databaseUrl, schema);
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
  });

  it('keeps the slots of a created organization and follows updates', async () => {
    const orgId = randomUUID();
    await publish(Subjects.Gateway.OrganizationCreated, snapshot(orgId, 3));
    await waitFor(async () => (await settingsOf(orgId).catch(() => null))?.concurrentSlots === 3, 15_000, 'created applied');
    await publish(Subjects.Gateway.OrganizationUpdated, snapshot(orgId, 7));
    await waitFor(async () => (await settingsOf(orgId)).concurrentSlots === 7, 15_000, 'update applied');
    await expect(settingsOf(orgId)).resolves.toEqual({
      organizationId: orgId,
      concurrentSlots: 7,
      reservedInboundSlots: 0,
      callsPerHour: 100,
      activeCalls: 0,
    });
  });

  it('ignores an update older than the one it holds (out-of-order delivery)', async () => {
    const orgId = randomUUID();
    const marker = randomUUID();
    await publish(Subjects.Gateway.OrganizationCreated, snapshot(orgId, 5), new Date());
    await waitFor(async () => (await settingsOf(orgId).catch(() => null))?.concurrentSlots === 5, 15_000, 'created applied');
    await publish(Subjects.Gateway.OrganizationUpdated, snapshot(orgId, 1), new Date(Date.now() - 60_000));
    await publish(Subjects.Gateway.OrganizationCreated, snapshot(marker, 2));
    await waitFor(async () => (await settingsOf(marker).catch(() => null))?.concurrentSlots === 2, 15_000, 'marker applied');
    await expect(settingsOf(orgId)).resolves.toMatchObject({ concurrentSlots: 5 });
  });

  it('answers NOT_FOUND for an organization it has never heard of, and rejects a bad query', async () => {
    await expect(settingsOf(randomUUID())).rejects.toMatchObject({ wire: { code: 'NOT_FOUND' } });
    const bad = await rpc.request(Rpc.Dialer.SettingsGet, { organizationId: 'not-a-uuid' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RpcRemoteError);
    expect((bad as RpcRemoteError).wire.code).toBe('VALIDATION_FAILED');
  });
});
