import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { makeEnvelope, streamName, Subjects, type CallRequestedV1 } from '@santral/contracts';
import { connectNats, decodeJson } from '@santral/messaging';
import { asOrgId, migrateService } from '@santral/persistence';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, deleteTestStreams, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { dialerService } from '../src/app.module';
import { DialerCampaignRepository } from '../src/campaigns/dialer-campaign.repository';
import { CallTaskRepository } from '../src/tasks/call-task.repository';

jest.setTimeout(60_000);

// Issue 10 item 1: batches of campaign.call.requested.v1 become one call task per contact, whatever
// the order and however often a batch is delivered.
describe('dialer: call tasks from campaign.call.requested.v1 (real JetStream, real Postgres)', () => {
  const schema = uniqueName('dlr_tasks');
  const prefix = uniqueName('dtk');
  let app: NestFastifyApplication;
  let nc: NatsConnection;
  const created: Array<{ data: { batchId: string; campaignId: string; kind: string; tasks: Array<{ taskId: string; contactId: string; to: string }> } }> = [];
  const org = randomUUID();
  const campaign = randomUUID();

  const contact = (i: number) => ({ contactId: `0190c000-0000-7000-8000-${String(i).padStart(12, '0')}`, to: `+90555${String(1000000 + i)}`, timeZoneSource: 'organization_default' as const, variables: { first_name: `Ayşe ${i}` } });
  const batch = (from: number, to: number): CallRequestedV1 => ({
    organizationId: org, campaignId: campaign, batchId: randomUUID(),
    contacts: Array.from({ length: to - from }, (_, k) => contact(from + k)),
  });

  async function publish(data: unknown, id?: string, type: string = Subjects.Campaign.CallRequested, time?: Date): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/campaign', data, orgid: org, subject: campaign, time });
    if (id) env.id = id;
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: `${env.id}-${randomUUID()}` });
  }

  beforeAll(async () => {
    await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({ DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: schema, SUBJECT_PREFIX: prefix, NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered', LOG_LEVEL: 'silent' });
    app = await bootTestService(dialerService, config);
    nc = await connectNats({ servers: testEnv.natsUrl });
    nc.subscribe(`${prefix}.${Subjects.Dialer.TaskCreated}`, { callback: (_e, msg) => void created.push(decodeJson(msg.data) as (typeof created)[number]) });
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await dropSchema(testEnv.databaseUrl, schema);
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
  });

  it('stores each contact once: overlapping batches, a redelivered event, out of order', async () => {
    const ds = app.get(DataSource);
    const first = batch(0, 300);
    const id = randomUUID();
    await publish(batch(200, 500)); // overlaps the first, arrives before it
    await publish(first, id);
    await publish(first, id); // the same event again (past the duplicate window it is the inbox that drops it)
    await publish(batch(450, 600));
    const count = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM call_tasks WHERE campaign_id = $1`, [campaign]))[0].n);
    await waitFor(async () => (await count()) === 600, 20_000, '600 tasks');
    await new Promise((r) => setTimeout(r, 500));
    expect(await count()).toBe(600);
    await expect(app.get(CallTaskRepository).countsOf(ds, asOrgId(org), campaign)).resolves.toMatchObject({ pending: 600, dialing: 0 });
    const [row] = await ds.query(`SELECT to_number, variables, time_zone_source, priority, attempt, state FROM call_tasks WHERE contact_id = $1`, [contact(7).contactId]);
    expect(row).toEqual({ to_number: '+905551000007', variables: { first_name: 'Ayşe 7' }, time_zone_source: 'organization_default', priority: 0, attempt: 0, state: 'pending' });
    // Each new task announced once, in dialer.task.created.v1 of the batch that stored it.
    const announced = () => created.filter((e) => e.data.campaignId === campaign).flatMap((e) => e.data.tasks);
    await waitFor(() => announced().length === 600, 10_000, 'task.created for all 600');
    expect(new Set(announced().map((t) => t.contactId)).size).toBe(600);
    const stored: Array<{ id: string; contact_id: string }> = await ds.query(`SELECT id, contact_id FROM call_tasks WHERE campaign_id = $1`, [campaign]);
    expect(new Map(announced().map((t) => [t.contactId, t.taskId]))).toEqual(new Map(stored.map((r) => [r.contact_id, r.id])));
    expect(created.every((e) => e.data.kind === 'campaign')).toBe(true);
  });

  it('refuses a batch with a number that is not E.164 whole (dead-lettered, nothing stored), and goes on', async () => {
    const ds = app.get(DataSource);
    const other = randomUUID();
    const bad = { ...batch(0, 3), campaignId: other, contacts: [contact(1), { ...contact(2), to: '0555 123 45 67' }] };
    const good = { ...batch(10, 13), campaignId: other };
    await publish(bad);
    await publish(good);
    const count = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM call_tasks WHERE campaign_id = $1`, [other]))[0].n);
    await waitFor(async () => (await count()) === 3, 20_000, 'the good batch stored');
    await new Promise((r) => setTimeout(r, 500));
    expect(await count()).toBe(3);
  });

  it("keeps the campaign's state and dial plan from its facts in any order, each delivered twice", async () => {
    const ds = app.get(DataSource);
    const id = randomUUID();
    const ref = { organizationId: org, campaignId: id };
    const plan = (ringTimeoutSeconds: number) => ({
      agentId: randomUUID(), startsAt: '2026-12-01T06:00:00.000Z', endsAt: '2026-12-31T18:00:00.000Z',
      callingWindows: [{ start: '09:00', end: '12:00' }], retryPolicy: { maxAttemptsPerContact: 3, rules: [{ disposition: 'no_answer', delayMinutes: 60, maxAttempts: 2 }] },
      ringTimeoutSeconds,
    });
    const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s));
    const facts: Array<[string, object, Date]> = [
      [Subjects.Campaign.CampaignPaused, { ...ref, reason: 'manual' }, at(3)],
      [Subjects.Campaign.CampaignUpdated, { ...ref, name: 'Renewals', dialPlan: plan(45) }, at(2)],
      [Subjects.Campaign.CampaignResumed, ref, at(4)],
      [Subjects.Campaign.CampaignStarted, { ...ref, name: 'Renewals', dialPlan: plan(30), totalContacts: 10 }, at(1)],
    ];
    for (const [type, data, time] of [...facts, ...facts]) await publish(data, undefined, type, time);
    const view = () => app.get(DialerCampaignRepository).get(ds, asOrgId(org), id);
    await waitFor(async () => (await view())?.stateAt === at(4).toISOString() && (await view())?.planAt === at(2).toISOString(), 20_000, 'every fact applied');
    await expect(view()).resolves.toMatchObject({ state: 'active', pauseReason: null, dialPlan: { ringTimeoutSeconds: 45 } });
    await publish(ref, undefined, Subjects.Campaign.CampaignCancelled, at(5));
    await publish(ref, undefined, Subjects.Campaign.CampaignResumed, at(6));
    await waitFor(async () => (await view())?.state === 'cancelled', 20_000, 'cancelled');
    await new Promise((r) => setTimeout(r, 500));
    await expect(view()).resolves.toMatchObject({ state: 'cancelled' });
  });
});
