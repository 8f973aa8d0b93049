import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from '@nats-io/nats-core';
import { Rpc } from '@santral/contracts';
import { connectNats } from '@santral/messaging';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, createTestDatabase, testEnv, testSecrets, type TestDatabase } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { telephonyService } from '../apps/telephony-gateway/src/app.module';
import { loadTelephonyConfig } from '../apps/telephony-gateway/src/config';
import { SimulatorServer } from '../apps/telephony-gateway/src/simulator/simulator.server';
import { LoopbackUpstream } from '../apps/telephony-gateway/test/support/loopback-upstream';

// /v1/provider-accounts end to end: the real api-gateway (HTTP, auth, validation, problem+json)
// asks the real telephony-gateway over NATS request/reply; each keeps its own schema and both
// run under one subject prefix (RPC and events alike), as two processes of one deployment.
const PUBLIC_BASE_URL = 'https://telephony.example.com';
const SECRET = 'sk_never_echoed_0123456789';
const SIGNING_SECRET = `whsec_${Buffer.from('provider-accounts-test-secret-32').toString('base64')}`;
const MISSING = '0190ffff-0000-7000-8000-000000000000';
const CONTROL_KEY = 'ctl_provider_accounts_test_control_key';

interface AccountBody {
  id: string;
  type: string;
  name: string;
  settings: Record<string, unknown>;
  secretNames: string[];
  webhookUrl: string;
  operators: Array<{ providerEmployeeId: string; userId: string }>;
  [key: string]: unknown;
}

describe('provider accounts: api-gateway HTTP → NATS request/reply → telephony-gateway', () => {
  let gw: Gateway;
  let telephony: NestFastifyApplication | undefined;
  let telephonyDb: TestDatabase;
  let sim: SimulatorServer;
  let nc: NatsConnection | undefined;
  /** The deployment's Twilio API (TWILIO_API_BASE_URL): a loopback stand-in answering what a test scripts. */
  let twilioApi: LoopbackUpstream;
  /** An address no tenant may reach: the allow-list does not name it. */
  let trap: LoopbackUpstream;

  beforeAll(async () => {
    twilioApi = new LoopbackUpstream();
    await twilioApi.listen();
    trap = new LoopbackUpstream();
    await trap.listen();
    gw = await startGateway('gw_pacc', { RPC_TIMEOUT_MS: '3000' });
    telephonyDb = await createTestDatabase({ prefix: 'tg_pacc', entities: serviceEntities(telephonyService), migrations: serviceMigrations(telephonyService) });
    sim = new SimulatorServer({ controlKey: CONTROL_KEY });
    const simulatorUrl = await sim.listen(0);
    const config = loadTelephonyConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: telephonyDb.url,
      DB_SCHEMA: telephonyDb.schema,
      NATS_URL: testEnv.natsUrl,
      PUBLIC_BASE_URL,
      SIMULATOR_URL: simulatorUrl,
      SIMULATOR_CONTROL_KEY: CONTROL_KEY,
      TWILIO_API_BASE_URL: twilioApi.url,
      SUBJECT_PREFIX: gw.subjectPrefix,
      RECONCILER_INTERVAL_MS: '0',
      ...testSecrets(),
    });
    telephony = await bootTestService(telephonyService, config);
  });

  afterAll(async () => {
    await nc?.close();
    await telephony?.close();
    await sim?.close();
    await twilioApi?.close();
    await trap?.close();
    await telephonyDb?.cleanup();
    await gw?.close();
  });

  const create = (key: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    gw.request({ method: 'POST', url: '/v1/provider-accounts', key, body, headers });

  async function createSimulator(key: string, name = 'Simulator'): Promise<AccountBody> {
    const res = await create(key, { type: 'simulator', name, settings: { timeScale: 60 }, secrets: { apiKey: SECRET, signingSecret: SIGNING_SECRET } });
    expect(res.statusCode).toBe(201);
    return res.json<AccountBody>();
  }

  async function keyWithRole(orgKey: string, role: 'supervisor' | 'operator'): Promise<string> {
    const res = await gw.request({ method: 'POST', url: '/v1/api-keys', key: orgKey, body: { name: role, role } });
    expect(res.statusCode).toBe(201);
    return res.json<{ key: string }>().key;
  }

  it('creates an account: 201 with the view and its webhook URL, never the secrets; the organization is the key’s', async () => {
    const org = await gw.createOrg();
    const res = await create(org.key, { type: 'simulator', name: 'Demo', settings: { timeScale: 60 }, secrets: { apiKey: SECRET, signingSecret: SIGNING_SECRET } });
    expect(res.statusCode).toBe(201);
    const account = res.json<AccountBody>();
    expect(account).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'simulator',
      name: 'Demo',
      settings: { timeScale: 60 },
      secretNames: ['apiKey', 'signingSecret'],
      webhookUrl: `${PUBLIC_BASE_URL}/webhooks/simulator/${account.id}`,
      operators: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain(SIGNING_SECRET);
    const rows: Array<{ organization_id: string; secrets_sealed: string }> = await telephonyDb.dataSource.query(
      'SELECT organization_id, secrets_sealed FROM provider_accounts WHERE id = $1',
      [account.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].organization_id).toBe(org.id);
    expect(rows[0].secrets_sealed).not.toContain(SECRET);

    const other = await gw.createOrg();
    expectProblem(await create(org.key, { type: 'simulator', name: 'Spoof', organizationId: other.id }), 422, 'VALIDATION_FAILED');
  });

  it('replays a create with the same Idempotency-Key instead of adding a second account', async () => {
    const org = await gw.createOrg();
    const headers = { 'idempotency-key': 'create-simulator-1' };
    const first = await create(org.key, { type: 'simulator', name: 'Once' }, headers);
    const again = await create(org.key, { type: 'simulator', name: 'Once' }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<AccountBody>().id).toBe(first.json<AccountBody>().id);
    const list = await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: org.key });
    expect(list.json<{ items: AccountBody[] }>().items).toHaveLength(1);
  });

  it("lists (newest first) and reads only the caller organization's accounts, a page at a time; another organization's id is 404", async () => {
    const a = await gw.createOrg();
    const b = await gw.createOrg();
    const first = await createSimulator(a.key, 'First');
    const second = await createSimulator(a.key, 'Second');
    const theirs = await createSimulator(b.key, 'Theirs');

    const all = await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: a.key });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ items: [second, first], nextCursor: null });
    expect(all.body).not.toContain(SECRET);

    const page1 = (await gw.request({ method: 'GET', url: '/v1/provider-accounts?limit=1', key: a.key })).json<{ items: AccountBody[]; nextCursor: string }>();
    expect(page1.items.map((i) => i.id)).toEqual([second.id]);
    const page2 = await gw.request({ method: 'GET', url: `/v1/provider-accounts?limit=1&cursor=${encodeURIComponent(page1.nextCursor)}`, key: a.key });
    expect(page2.json()).toEqual({ items: [first], nextCursor: null });
    expectProblem(await gw.request({ method: 'GET', url: '/v1/provider-accounts?cursor=not-a-cursor', key: a.key }), 400, 'INVALID_CURSOR');

    await expect(gw.request({ method: 'GET', url: `/v1/provider-accounts/${first.id}`, key: a.key }).then((r) => r.json())).resolves.toEqual(first);
    expectProblem(await gw.request({ method: 'GET', url: `/v1/provider-accounts/${theirs.id}`, key: a.key }), 404, 'PROVIDER_ACCOUNT_NOT_FOUND');
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/provider-accounts/${theirs.id}`, key: a.key, body: { name: 'Mine now' } }), 404, 'PROVIDER_ACCOUNT_NOT_FOUND');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/provider-accounts/${theirs.id}/test`, key: a.key }), 404, 'PROVIDER_ACCOUNT_NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/provider-accounts/${MISSING}`, key: a.key }), 404, 'PROVIDER_ACCOUNT_NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/provider-accounts/not-a-uuid', key: a.key }), 422, 'VALIDATION_FAILED');
    expect((await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: b.key })).json()).toEqual({ items: [theirs], nextCursor: null });
  });

  it('patches the name and merges settings and secrets; the secrets stay write-only', async () => {
    const org = await gw.createOrg();
    const account = await createSimulator(org.key);
    const newSecret = 'sk_rotated_never_echoed_987654';
    const res = await gw.request({
      method: 'PATCH',
      url: `/v1/provider-accounts/${account.id}`,
      key: org.key,
      body: { name: 'Renamed', settings: { seed: 3 }, secrets: { apiKey: newSecret } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: account.id, name: 'Renamed', settings: { timeScale: 60, seed: 3 }, secretNames: ['apiKey', 'signingSecret'] });
    expect(res.body).not.toContain(newSecret);
    await expect(gw.request({ method: 'GET', url: `/v1/provider-accounts/${account.id}`, key: org.key }).then((r) => r.json())).resolves.toMatchObject({ name: 'Renamed' });

    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/provider-accounts/${account.id}`, key: org.key, body: {} }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/provider-accounts/${account.id}`, key: org.key, body: { type: 'twilio' } }), 422, 'VALIDATION_FAILED');
    const bad = expectProblem(
      await gw.request({ method: 'PATCH', url: `/v1/provider-accounts/${account.id}`, key: org.key, body: { settings: { timeScale: 0 } } }),
      422,
      'VALIDATION_FAILED',
    );
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'settings.timeScale' })]);
  });

  it('tests the credentials of a simulator account against the simulator', async () => {
    const org = await gw.createOrg();
    const account = await createSimulator(org.key);
    const res = await gw.request({ method: 'POST', url: `/v1/provider-accounts/${account.id}/test`, key: org.key });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, testedAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(res.json<{ testedAt: string }>().testedAt))).toBe(false);
  });

  it('refuses a provider URL outside the deployment allow-list with 422 naming the field; nothing is stored or fetched', async () => {
    const org = await gw.createOrg();
    const twilio = { accountSid: `AC${'7'.repeat(32)}`, authToken: 'token' };
    const cases: Array<[string, Record<string, unknown>, Record<string, string>, string]> = [
      ['simulator', { baseUrl: trap.url }, {}, 'settings.baseUrl'],
      ['twilio', { baseUrl: `${trap.url}/` }, twilio, 'settings.baseUrl'],
      ['twilio', { baseUrl: `${twilioApi.url}/?` }, twilio, 'settings.baseUrl'],
      ['callgear', { callApiUrl: `${trap.url}/v4.0` }, { apiKey: 'k' }, 'settings.callApiUrl'],
      ['callgear', { dataApiUrl: 'http://169.254.169.254/latest' }, { apiKey: 'k' }, 'settings.dataApiUrl'],
    ];
    for (const [type, settings, secrets, field] of cases) {
      const problem = expectProblem(await create(org.key, { type, name: 'x', settings, secrets }), 422, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([expect.objectContaining({ field })]);
    }
    const account = await createSimulator(org.key);
    const patched = expectProblem(await gw.request({ method: 'PATCH', url: `/v1/provider-accounts/${account.id}`, key: org.key, body: { settings: { baseUrl: trap.url } } }), 422, 'VALIDATION_FAILED');
    expect(patched.errors).toEqual([expect.objectContaining({ field: 'settings.baseUrl' })]);
    expect((await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: org.key })).json<{ items: AccountBody[] }>().items.map((i) => i.id)).toEqual([account.id]);
    expect(trap.connections).toBe(0);
  });

  it("test answers ok or refused with a reason category, never the provider's text", async () => {
    const org = await gw.createOrg();
    const res = await create(org.key, { type: 'twilio', name: 'Twilio', secrets: { accountSid: `AC${'8'.repeat(32)}`, authToken: 'token' } });
    expect(res.statusCode).toBe(201);
    const url = `/v1/provider-accounts/${res.json<AccountBody>().id}/test`;
    const upstreamText = 'Cannot GET /2010-04-01/Accounts (upstream 10.0.0.9:8080 says hello)';
    const answers: Array<[number, string, string]> = [
      [401, '{"code":20003,"message":"Authenticate"}', 'credentials_rejected'],
      [404, upstreamText, 'provider_error'],
      [503, upstreamText, 'provider_error'],
    ];
    for (const [status, body, reason] of answers) {
      twilioApi.status = status;
      twilioApi.body = body;
      const refused = await gw.request({ method: 'POST', url, key: org.key });
      expect(refused.statusCode).toBe(200);
      expect(refused.json()).toEqual({ ok: false, reason, testedAt: expect.any(String) });
      expect(refused.body).not.toMatch(/Authenticate|upstream|HTTP \d{3}/);
    }
    twilioApi.status = 200;
    twilioApi.body = '{"status":"active"}';
    expect((await gw.request({ method: 'POST', url, key: org.key })).json()).toEqual({ ok: true, testedAt: expect.any(String) });
  });

  it("maps provider employees to the organization's own users", async () => {
    const a = await gw.createOrg();
    const b = await gw.createOrg();
    const account = await createSimulator(a.key);
    const user = (await gw.request({ method: 'POST', url: '/v1/users', key: a.key, body: { name: 'Ayşe', email: 'ayse@example.com', role: 'operator' } })).json<{ id: string }>();
    const stranger = (await gw.request({ method: 'POST', url: '/v1/users', key: b.key, body: { name: 'Zeynep', email: 'z@example.com', role: 'operator' } })).json<{ id: string }>();
    const url = `/v1/provider-accounts/${account.id}/operators`;

    const res = await gw.request({ method: 'PUT', url, key: a.key, body: { operators: [{ providerEmployeeId: 17, userId: user.id }] } });
    expect(res.statusCode).toBe(200);
    expect(res.json<AccountBody>().operators).toEqual([{ providerEmployeeId: '17', userId: user.id }]);
    await expect(gw.request({ method: 'GET', url: `/v1/provider-accounts/${account.id}`, key: a.key }).then((r) => r.json<AccountBody>().operators)).resolves.toEqual([
      { providerEmployeeId: '17', userId: user.id },
    ]);

    const refused = expectProblem(await gw.request({ method: 'PUT', url, key: a.key, body: { operators: [{ providerEmployeeId: '18', userId: stranger.id }] } }), 422, 'VALIDATION_FAILED');
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'operators.0.userId' })]);
    expectProblem(await gw.request({ method: 'PUT', url, key: a.key, body: { operators: [{ providerEmployeeId: '', userId: user.id }] } }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'PUT', url: `/v1/provider-accounts/${MISSING}/operators`, key: a.key, body: { operators: [] } }), 404, 'PROVIDER_ACCOUNT_NOT_FOUND');
  });

  it('answers 422 VALIDATION_FAILED with field errors for a bad body, from the gateway and from the telephony-gateway', async () => {
    const org = await gw.createOrg();
    const fields = async (body: Record<string, unknown>) =>
      (expectProblem(await create(org.key, body), 422, 'VALIDATION_FAILED').errors as Array<{ field: string }>).map((e) => e.field);
    await expect(fields({ type: 'vonage', name: 'x' })).resolves.toEqual(['type']);
    await expect(fields({ type: 'simulator' })).resolves.toContain('name');
    await expect(fields({ type: 'simulator', name: '' })).resolves.toContain('name');
    await expect(fields({ type: 'simulator', name: 'x', secrets: { apiKey: 42 } })).resolves.toEqual(['secrets']);
    await expect(fields({ type: 'simulator', name: 'x', settings: ['a'] })).resolves.toEqual(['settings']);
    // The provider's own rules live in the telephony-gateway; its field errors come through.
    await expect(fields({ type: 'twilio', name: 'No credentials' })).resolves.toEqual(expect.arrayContaining(['secrets.accountSid', 'secrets.authToken']));
    expect((await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: org.key })).json()).toEqual({ items: [], nextCursor: null });
  });

  it('needs a key (401), an admin key to change anything and an admin or supervisor key to read (403)', async () => {
    const org = await gw.createOrg();
    const account = await createSimulator(org.key);
    const supervisor = await keyWithRole(org.key, 'supervisor');
    const operator = await keyWithRole(org.key, 'operator');

    expectProblem(await gw.request({ method: 'GET', url: '/v1/provider-accounts' }), 401, 'UNAUTHENTICATED');
    expectProblem(await create('', { type: 'simulator', name: 'x' }), 401, 'UNAUTHENTICATED');
    expectProblem(await create('sk_live_nope_nope', { type: 'simulator', name: 'x' }), 401, 'INVALID_API_KEY');

    expect((await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: supervisor })).statusCode).toBe(200);
    expect((await gw.request({ method: 'GET', url: `/v1/provider-accounts/${account.id}`, key: supervisor })).statusCode).toBe(200);
    expectProblem(await create(supervisor, { type: 'simulator', name: 'x' }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/provider-accounts/${account.id}`, key: supervisor, body: { name: 'x' } }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/provider-accounts/${account.id}/test`, key: supervisor }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'PUT', url: `/v1/provider-accounts/${account.id}/operators`, key: supervisor, body: { operators: [] } }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: operator }), 403, 'FORBIDDEN');
    expectProblem(await create(operator, { type: 'simulator', name: 'x' }), 403, 'FORBIDDEN');
    expect((await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: org.key })).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  // Stops the telephony-gateway: keep this test last.
  it('answers 503 SERVICE_UNAVAILABLE while the telephony-gateway is not running and 504 UPSTREAM_TIMEOUT when it does not reply', async () => {
    const org = await gw.createOrg();
    const account = await createSimulator(org.key);
    await telephony?.close();
    telephony = undefined;

    const down = expectProblem(await gw.request({ method: 'GET', url: '/v1/provider-accounts', key: org.key }), 503, 'SERVICE_UNAVAILABLE');
    expect(down.detail).toMatch(/telephony-gateway/);
    const headers = { 'idempotency-key': 'while-down' };
    expectProblem(await create(org.key, { type: 'simulator', name: 'x' }, headers), 503, 'SERVICE_UNAVAILABLE');
    // A failed request is not stored: the same key is free to retry.
    expectProblem(await create(org.key, { type: 'simulator', name: 'x' }, headers), 503, 'SERVICE_UNAVAILABLE');

    // Something subscribes but never replies (a stuck replica).
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'provider-accounts-silent' });
    nc.subscribe(`${gw.subjectPrefix}.${Rpc.Telephony.ProviderAccountGet}`, { callback: () => undefined });
    await nc.flush();
    const slow = expectProblem(await gw.request({ method: 'GET', url: `/v1/provider-accounts/${account.id}`, key: org.key }), 504, 'UPSTREAM_TIMEOUT');
    expect(slow.detail).toMatch(/telephony-gateway/);
  });
});
