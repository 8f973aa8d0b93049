import { v4 as uuidv4 } from 'uuid';
import { freePort, sealForTests, waitFor } from '@santral/testing';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { TestProviderAccountUseCase } from '../src/provider-accounts/test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from '../src/provider-accounts/update-provider-account.use-case';
import { type GatewayHarness, SIGNING_SECRET, startGateway } from './support/gateway-harness';
import { LoopbackUpstream } from './support/loopback-upstream';

const SID = `AC${'5'.repeat(32)}`;

/**
 * Issue 9 item 2: provider base URLs are deployment config. A tenant URL outside the allow-list
 * is refused before any connection (a loopback trap on a port the allow-list does not name sees
 * nothing); the test route answers a category, never the upstream's text; the simulator's
 * control API needs the gateway's control key.
 */
describe('provider URLs tenants set (SSRF) and the simulator control API', () => {
  let h: GatewayHarness;
  let trap: LoopbackUpstream;
  let twilio: LoopbackUpstream;
  let closedPort: number;

  beforeAll(async () => {
    trap = new LoopbackUpstream();
    await trap.listen();
    twilio = new LoopbackUpstream();
    await twilio.listen();
    closedPort = await freePort();
    h = await startGateway('tg_ssrf', { TWILIO_API_BASE_URL: twilio.url, TWILIO_URL_ALLOW_LIST: `http://127.0.0.1:${closedPort}` });
  });

  afterAll(async () => {
    await h?.close();
    await trap?.close();
    await twilio?.close();
  });

  /** Secrets named in the clear here travel sealed, as the api-gateway sends them. */
  const create = ({ secrets, ...body }: Record<string, unknown>) =>
    h.app.get(CreateProviderAccountUseCase).execute({ organizationId: h.orgId, name: 'x', ...body, ...(secrets ? { sealedSecrets: sealForTests(h.orgId, secrets as Record<string, string>) } : {}) } as never);
  const update = (id: string, settings: Record<string, unknown>) => h.app.get(UpdateProviderAccountUseCase).execute({ organizationId: h.orgId, id, settings });
  const test = (id: string) => h.app.get(TestProviderAccountUseCase).execute({ organizationId: h.orgId, id });
  const refusedFor = (field: string) => ({ code: 'VALIDATION_FAILED', status: 422, extra: { errors: [expect.objectContaining({ field })] } });
  /** As an account stored before the allow-list existed: the settings written past validation. */
  const storeSettings = (id: string, settings: Record<string, unknown>) =>
    h.db.dataSource.query(`UPDATE provider_accounts SET settings = settings || $2::jsonb WHERE id = $1`, [id, JSON.stringify(settings)]);

  it.each([
    ['simulator', { baseUrl: 'TRAP' }, {}, 'settings.baseUrl'],
    ['twilio', { baseUrl: 'TRAP' }, { accountSid: SID, authToken: 't' }, 'settings.baseUrl'],
    ['callgear', { callApiUrl: 'TRAP/v4.0' }, { apiKey: 'k' }, 'settings.callApiUrl'],
    ['callgear', { dataApiUrl: 'TRAP/v2.0' }, { apiKey: 'k' }, 'settings.dataApiUrl'],
  ])('%s: create and update naming %j are refused with 422 VALIDATION_FAILED on the field; nothing connects', async (type, raw, secrets, field) => {
    const settings = JSON.parse(JSON.stringify(raw).replace('TRAP', trap.url)) as Record<string, unknown>;
    const before = await h.count('provider_accounts');
    await expect(create({ type, settings, secrets })).rejects.toMatchObject(refusedFor(field));
    expect(await h.count('provider_accounts')).toBe(before);

    const account = await create({ type, secrets });
    await expect(update(account.id, settings)).rejects.toMatchObject(refusedFor(field));
    await expect(update(account.id, JSON.parse(JSON.stringify(settings).replace(trap.url, `${twilio.url}/?`)))).rejects.toMatchObject(refusedFor(field));
    const [row] = await h.db.dataSource.query(`SELECT settings FROM provider_accounts WHERE id = $1`, [account.id]);
    expect(row.settings).toEqual({});
    expect(trap.connections).toBe(0);
  });

  it('an account stored before the allow-list is refused at use time: test says not_allowed, originate ends the call, nothing connects', async () => {
    const account = await create({ type: 'twilio', secrets: { accountSid: SID, authToken: 't' } });
    await storeSettings(account.id, { baseUrl: trap.url });
    await expect(test(account.id)).resolves.toEqual({ ok: false, reason: 'not_allowed', testedAt: expect.any(String) });

    const callId = uuidv4();
    await h.sendCommand('telephony.call.originate.v1', { organizationId: h.orgId, callId, attempt: 1, kind: 'single', providerAccountId: account.id, from: '+15005550006', to: '+14155550005', ringTimeoutSeconds: 20, record: false });
    await expect(h.waitForEvent(callId, 'telephony.call.ended.v1')).resolves.toMatchObject({ data: { endReason: { status: 'failed', providerCode: 'PROVIDER_URL_NOT_ALLOWED' } } });
    expect(trap.connections).toBe(0);
  });

  it("test answers a reason category, never the provider's text or status", async () => {
    const account = await create({ type: 'twilio', secrets: { accountSid: SID, authToken: 't' } });
    twilio.status = 401;
    twilio.body = JSON.stringify({ code: 20003, message: 'Authenticate' });
    await expect(test(account.id)).resolves.toEqual({ ok: false, reason: 'credentials_rejected', testedAt: expect.any(String) });
    for (const status of [404, 500, 502]) {
      twilio.status = status;
      twilio.body = `{"message":"no route /internal/admin on 10.0.0.5:8080 (HTTP ${status})"}`;
      await expect(test(account.id)).resolves.toEqual({ ok: false, reason: 'provider_error', testedAt: expect.any(String) });
    }
    // An allowed host cannot send the request on: redirects are not followed.
    twilio.status = 307;
    twilio.headers = { location: `${trap.url}/2010-04-01/Accounts/${SID}.json` };
    await expect(test(account.id)).resolves.toEqual({ ok: false, reason: 'provider_error', testedAt: expect.any(String) });
    expect(trap.connections).toBe(0);
    twilio.headers = {};
    twilio.status = 200;
    twilio.body = JSON.stringify({ sid: SID, status: 'active' });
    await expect(test(account.id)).resolves.toEqual({ ok: true, testedAt: expect.any(String) });
    expect(twilio.requests.at(-1)).toMatchObject({ method: 'GET', url: `/2010-04-01/Accounts/${SID}.json` });

    // An allow-listed URL that does not answer.
    await update(account.id, { baseUrl: `http://127.0.0.1:${closedPort}` });
    await expect(test(account.id)).resolves.toEqual({ ok: false, reason: 'unreachable', testedAt: expect.any(String) });
  });

  describe('simulator control API', () => {
    const simUrl = () => h.config.SIMULATOR_URL;
    const console = (id: string, authorization?: string) =>
      fetch(`${simUrl()}/simulator/v1/accounts/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ apiKey: 'sk_attacker', signingSecret: SIGNING_SECRET, webhookUrl: `${trap.url}/hook`, scenario: {} }),
      });

    it("another tenant cannot overwrite an account's console: without the gateway's control key the PUT is 401 and nothing changes", async () => {
      const victim = await create({ type: 'simulator', settings: { timeScale: 60 }, secrets: { apiKey: 'sk_victim', signingSecret: SIGNING_SECRET } });
      const attacker = await create({ type: 'simulator', secrets: { apiKey: 'sk_attacker', signingSecret: SIGNING_SECRET } });
      const configured = { ...h.sim.engine.accounts.get(victim.id) };
      expect(configured).toMatchObject({ apiKey: 'sk_victim', webhookUrl: victim.webhookUrl });

      for (const auth of [undefined, 'Bearer sk_attacker', 'Bearer sk_victim', `Bearer ${h.config.SECRETS_KEY}`]) expect((await console(victim.id, auth)).status).toBe(401);
      expect(h.sim.engine.accounts.get(victim.id)).toEqual(configured);

      // Through the gateway: the attacker's baseUrl aimed at the victim's console (a trailing ? swallows the rest) is refused …
      const aimed = `${simUrl()}/simulator/v1/accounts/${victim.id}?`;
      await expect(update(attacker.id, { baseUrl: aimed })).rejects.toMatchObject(refusedFor('settings.baseUrl'));
      // … and when stored before, is never requested.
      await storeSettings(attacker.id, { baseUrl: aimed });
      await expect(test(attacker.id)).resolves.toEqual({ ok: false, reason: 'not_allowed', testedAt: expect.any(String) });
      expect(h.sim.engine.accounts.get(victim.id)).toEqual(configured);
      expect(trap.connections).toBe(0);
    });

    it("an inbound call on demand needs the account's key (or the control key)", async () => {
      const account = await create({ type: 'simulator', settings: { timeScale: 60 }, secrets: { apiKey: 'sk_inbound_owner', signingSecret: SIGNING_SECRET } });
      const inbound = (authorization?: string) =>
        fetch(`${simUrl()}/simulator/${account.id}/inbound`, {
          method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ from: '+905551112233', to: '+902125550000', outcome: 'missed' }),
        });
      expect((await inbound()).status).toBe(401);
      expect((await inbound('Bearer sk_victim')).status).toBe(401);
      expect((await inbound('Bearer sk_inbound_owner')).status).toBe(202);
      const seen = await waitFor(async () => (await h.events()).find((e) => e.type === 'telephony.inbound.received.v1' && e.data.providerAccountId === account.id), 10_000, 'inbound');
      await h.waitForEvent(String(seen!.data.callId), 'telephony.call.ended.v1');
      expect((await h.events()).filter((e) => e.type === 'telephony.inbound.received.v1' && e.data.providerAccountId === account.id)).toHaveLength(1);
    });
  });
});
