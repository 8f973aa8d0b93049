import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { makeEnvelope, streamName, Subjects } from '@santral/contracts';
import { connectNats } from '@santral/messaging';
import { asOrgId, migrateService } from '@santral/persistence';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, deleteTestStreams, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { dialerService } from '../src/app.module';
import { AgentCheck } from '../src/agents/agent.check';

jest.setTimeout(60_000);

// The agent projection (campaign.agent.* → dialer_agents, E4) and the stale-operator sweep (E8),
// in a real dialer on real JetStream and Postgres.
describe('dialer: agent projection and stale-operator sweep', () => {
  const schema = uniqueName('dlr_agents');
  const prefix = uniqueName('dag');
  let app: NestFastifyApplication;
  let ds: DataSource;
  let nc: NatsConnection;
  const org = randomUUID();

  /** Publishes one fact; `id` again with a new msgID is a redelivery the inbox must drop. */
  async function publish(type: string, data: object, time: Date, id = randomUUID()): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/campaign', data, orgid: org, subject: (data as { agentId: string }).agentId, time });
    env.id = id;
    await jetstream(nc).publish(`${prefix}.${type}`, JSON.stringify(env), { msgID: `${id}-${randomUUID()}` });
  }

  const snapshot = (agentId: string, over: Record<string, unknown>) => ({
    organizationId: org, agentId, name: 'Ada', active: true, complete: true, missingFields: [], firstMessageMode: 'agent_first', responseTimeoutSeconds: 10, forwardingTargets: [], ...over,
  });
  const row = async (agentId: string) => (await ds.query(`SELECT name, active, complete, missing_fields, deleted FROM dialer_agents WHERE organization_id = $1 AND agent_id = $2`, [org, agentId]))[0];
  /** The row reaches `expected` and stays so once the facts still in flight (a marker published last) are applied too. */
  async function settlesAt(agentId: string, expected: Record<string, unknown>): Promise<void> {
    const matches = async () => JSON.stringify({ ...(await row(agentId)), ...expected }) === JSON.stringify({ ...(await row(agentId)) });
    await waitFor(matches, 20_000, `agent ${agentId} reaches ${JSON.stringify(expected)}`);
    const marker = randomUUID();
    await publish(Subjects.Campaign.AgentCreated, snapshot(marker, {}), new Date());
    await waitFor(async () => (await row(marker)) !== undefined, 20_000, 'later facts applied');
    await new Promise((r) => setTimeout(r, 200));
    await expect(row(agentId)).resolves.toMatchObject(expected);
  }

  beforeAll(async () => {
    await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({
      DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: schema, SUBJECT_PREFIX: prefix, NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered', LOG_LEVEL: 'silent',
      DISPATCH_INTERVAL_MS: '0', OPERATOR_SWEEP_INTERVAL_MS: '200', OPERATOR_SWEEP_GRACE_MS: '1000',
    });
    app = await bootTestService(dialerService, config);
    ds = app.get(DataSource);
    nc = await connectNats({ servers: testEnv.natsUrl });
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await dropSchema(testEnv.databaseUrl, schema);
    await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
  });

  const t0 = Date.parse('2026-12-01T10:00:00Z');
  const at = (s: number) => new Date(t0 + s * 1000);

  // Every order of created(t1, active), updated(t2, incomplete), updated(t3, inactive), with the last one redelivered: the t3 fact wins.
  const facts = [
    { type: Subjects.Campaign.AgentCreated, over: { name: 'v1' }, at: at(1) },
    { type: Subjects.Campaign.AgentUpdated, over: { name: 'v2', complete: false, missingFields: ['voice'] }, at: at(2) },
    { type: Subjects.Campaign.AgentUpdated, over: { name: 'v3', active: false }, at: at(3) },
  ];
  const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

  it.each(orders.map((o) => [o.join('-'), o] as const))('order %s: the newest fact wins, duplicates change nothing', async (_name, order) => {
    const agentId = randomUUID();
    const ids = facts.map(() => randomUUID());
    for (const i of order) await publish(facts[i]!.type, snapshot(agentId, facts[i]!.over), facts[i]!.at, ids[i]);
    await publish(facts[order[0]!]!.type, snapshot(agentId, facts[order[0]!]!.over), facts[order[0]!]!.at, ids[order[0]!]); // redelivered
    await settlesAt(agentId, { name: 'v3', active: false, complete: true, missing_fields: [], deleted: false });
    await expect(app.get(AgentCheck).assertMayTakeCalls(asOrgId(org), agentId)).rejects.toMatchObject({ code: 'AGENT_INACTIVE' });
  });

  it('an incomplete agent is refused naming its missing fields; a delete is final, even before an older or later snapshot', async () => {
    const agentId = randomUUID();
    await publish(Subjects.Campaign.AgentCreated, snapshot(agentId, { complete: false, missingFields: ['systemInstruction', 'voice'] }), at(1));
    await settlesAt(agentId, { complete: false });
    await expect(app.get(AgentCheck).assertMayTakeCalls(asOrgId(org), agentId)).rejects.toMatchObject({ code: 'AGENT_INCOMPLETE', message: expect.stringMatching(/systemInstruction, voice/) });
    await publish(Subjects.Campaign.AgentUpdated, snapshot(agentId, {}), at(2));
    await settlesAt(agentId, { complete: true, active: true });
    await expect(app.get(AgentCheck).assertMayTakeCalls(asOrgId(org), agentId)).resolves.toBeUndefined();

    const deletedFirst = randomUUID();
    await publish(Subjects.Campaign.AgentDeleted, { organizationId: org, agentId: deletedFirst }, at(2));
    await publish(Subjects.Campaign.AgentCreated, snapshot(deletedFirst, {}), at(1));
    await publish(Subjects.Campaign.AgentUpdated, snapshot(deletedFirst, {}), at(9));
    await publish(Subjects.Campaign.AgentDeleted, { organizationId: org, agentId }, at(0));
    await settlesAt(deletedFirst, { deleted: true, active: false });
    await settlesAt(agentId, { deleted: true, active: false });
    for (const id of [agentId, deletedFirst]) await expect(app.get(AgentCheck).assertMayTakeCalls(asOrgId(org), id)).rejects.toMatchObject({ code: 'AGENT_INACTIVE' });
  });

  it('frees, within the sweep, an operator held by an ended call or by a call the dialer does not know; keeps one held by a live or queued call', async () => {
    const [ended, live, queued, unknown, fresh] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const users = { ended: randomUUID(), live: randomUUID(), queued: randomUUID(), unknown: randomUUID(), fresh: randomUUID() };
    const task = randomUUID();
    await ds.query(
      `INSERT INTO calls (call_id, organization_id, task_id, attempt, state, to_number, from_number, provider_account_id, slot_no, ended_at)
       VALUES ($1, $3, $4, 1, 'ended', '+905551230005', '+902125550000', $4, 1, now()), ($2, $3, $5, 1, 'in_progress', '+905551230006', '+902125550000', $4, 2, NULL)`,
      [ended, live, org, randomUUID(), randomUUID()],
    );
    await ds.query(
      `INSERT INTO call_tasks (id, organization_id, kind, first_call_id, to_number, time_zone_source, plan) VALUES ($1, $2, 'click_to_call', $3, '+905551230007', 'organization_default', '{"ringTimeoutSeconds":30}')`,
      [task, org, queued],
    );
    const hold = (user: string, call: string, ageSeconds: number) =>
      ds.query(`INSERT INTO operator_presence (organization_id, user_id, status, current_call_id, updated_at) VALUES ($1, $2, 'busy', $3, now() - make_interval(secs => $4))`, [org, user, call, ageSeconds]);
    await hold(users.ended, ended, 0);
    await hold(users.live, live, 120);
    await hold(users.queued, queued, 120);
    await hold(users.unknown, unknown, 120);
    await hold(users.fresh, fresh, 0);
    const statusOf = async (user: string) => (await ds.query(`SELECT status, current_call_id FROM operator_presence WHERE organization_id = $1 AND user_id = $2`, [org, user]))[0];
    await waitFor(async () => (await statusOf(users.ended)).status === 'available' && (await statusOf(users.unknown)).status === 'available', 10_000, 'stale operators freed');
    await expect(statusOf(users.live)).resolves.toEqual({ status: 'busy', current_call_id: live });
    await expect(statusOf(users.queued)).resolves.toEqual({ status: 'busy', current_call_id: queued });
    // Held by a call the dialer does not know yet, but only just: kept through the grace, then freed.
    await expect(statusOf(users.fresh)).resolves.toEqual({ status: 'busy', current_call_id: fresh });
    await waitFor(async () => (await statusOf(users.fresh)).status === 'available', 10_000, 'freed after the grace');
    await expect(statusOf(users.ended)).resolves.toEqual({ status: 'available', current_call_id: null });
  });
});
