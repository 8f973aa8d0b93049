import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NatsConnection } from '@nats-io/nats-core';
import { Rpc } from '@santral/contracts';
import { connectNats, NatsRpcClient } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { bootTestService, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { ADMIN_KEY, Gateway, startGateway } from '../apps/api-gateway/test/gateway-harness';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { dialerService } from '../apps/dialer-orchestrator/src/app.module';

// Two services, each with its own schema, meeting only through NATS: the gateway writes
// gateway.organization.* to its outbox, the relay publishes it to JetStream, the dialer's
// consumer applies it once and answers rpc.dialer.settings.get with its copy.
describe('organization settings: gateway API → outbox → JetStream → dialer', () => {
  let gateway: Gateway;
  let dialer: NestFastifyApplication;
  let nc: NatsConnection;
  let rpc: NatsRpcClient;
  const dialerSchema = uniqueName('dialer_x');

  beforeAll(async () => {
    gateway = await startGateway('gw_orgset');
    await migrateService({ url: testEnv.databaseUrl, schema: dialerSchema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({
      DATABASE_URL: testEnv.databaseUrl,
      NATS_URL: testEnv.natsUrl,
      DB_SCHEMA: dialerSchema,
      SUBJECT_PREFIX: gateway.subjectPrefix,
      NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered',
      LOG_LEVEL: 'silent',
    });
    dialer = await bootTestService(dialerService, config);
    nc = await connectNats({ servers: testEnv.natsUrl });
    rpc = new NatsRpcClient(nc, { subjectPrefix: gateway.subjectPrefix });
  });

  afterAll(async () => {
    await dialer?.close();
    await nc?.close();
    await gateway?.close();
    await dropSchema(testEnv.databaseUrl, dialerSchema);
  });

  const slotsOf = async (organizationId: string): Promise<number | null> => {
    const reply = await rpc.request(Rpc.Dialer.SettingsGet, { organizationId }).catch(() => null);
    return reply?.concurrentSlots ?? null;
  };

  it("changes an organization's slots through the API and sees the dialer's copy change", async () => {
    const org = await gateway.createOrg({ plan: 'free' });
    await waitFor(async () => (await slotsOf(org.id)) === 3, 20_000, 'dialer learns the free plan (3 slots)');

    const res = await gateway.request({
      method: 'PATCH',
      url: `/v1/organizations/${org.id}`,
      key: ADMIN_KEY,
      body: { limits: { concurrentSlots: 10, callsPerHour: 500, minCreditsToStart: 10 } },
    });
    expect(res.statusCode).toBe(200);
    await waitFor(async () => (await slotsOf(org.id)) === 10, 20_000, 'dialer sees 10 slots');

    const outbox: Array<{ subject: string }> = await gateway.db.dataSource.query('SELECT subject FROM outbox ORDER BY id');
    expect(outbox.map((r) => r.subject.replace(`${gateway.subjectPrefix}.`, ''))).toEqual(
      expect.arrayContaining(['gateway.organization.created.v1', 'gateway.organization.updated.v1']),
    );
  });

  it('writes no event when the update is rejected', async () => {
    const org = await gateway.createOrg();
    const before = await gateway.db.dataSource.query('SELECT count(*)::int AS n FROM outbox');
    const res = await gateway.request({ method: 'PATCH', url: `/v1/organizations/${org.id}`, key: ADMIN_KEY, body: { limits: { concurrentSlots: -1 } } });
    expect(res.statusCode).toBe(422);
    await expect(gateway.db.dataSource.query('SELECT count(*)::int AS n FROM outbox')).resolves.toEqual(before);
  });
});
