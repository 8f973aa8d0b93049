import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { callGearBody } from '../apps/telephony-gateway/test/support/callgear-bodies';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';

// The secret in a CallGear webhook URL (its path token), end to end: the real api-gateway shows it to
// admin keys only and rotates it in one call; the real telephony-gateway (listening, so webhooks arrive
// over HTTP as CallGear sends them) refuses the old token afterwards.
interface AccountBody {
  id: string;
  webhookUrl: string;
  [key: string]: unknown;
}

describe('provider accounts: the CallGear webhook token is for admins, and rotates in one call', () => {
  let gw: Gateway;
  let telephony: TelephonyBeside | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    gw = await startGateway('gw_whtok', { RPC_TIMEOUT_MS: '3000' });
    telephony = await startTelephonyBeside(gw, 'tg_whtok', { listen: true });
    baseUrl = telephony.baseUrl!;
  });

  afterAll(async () => {
    await telephony?.close();
    await gw?.close();
  });

  const keyWithRole = async (orgKey: string, role: 'supervisor' | 'operator') => {
    const res = await gw.request({ method: 'POST', url: '/v1/api-keys', key: orgKey, body: { name: role, role } });
    expect(res.statusCode).toBe(201);
    return res.json<{ key: string }>().key;
  };
  const createCallGear = async (key: string): Promise<AccountBody> => {
    const res = await gw.request({ method: 'POST', url: '/v1/provider-accounts', key, body: { type: 'callgear', name: 'CallGear', secrets: { apiKey: 'cg-key' } } });
    expect(res.statusCode).toBe(201);
    return res.json<AccountBody>();
  };
  const tokenOf = (account: AccountBody) => account.webhookUrl.split('/').pop()!;
  const notify = async (webhookUrl: string, session: number) =>
    (await fetch(`${webhookUrl}/end`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(callGearBody('end', { session, direction: 'in' })) })).status;
  const rotate = (id: string, key: string) => gw.request({ method: 'POST', url: `/v1/provider-accounts/${id}/webhook-token`, key });

  it('supervisors read the account with the token masked; admins see it', async () => {
    const org = await gw.createOrg();
    const account = await createCallGear(org.key);
    const token = tokenOf(account);
    expect(account.webhookUrl).toBe(`${baseUrl}/webhooks/callgear/${account.id}/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const supervisor = await keyWithRole(org.key, 'supervisor');

    for (const url of [`/v1/provider-accounts/${account.id}`, '/v1/provider-accounts']) {
      const res = await gw.request({ method: 'GET', url, key: supervisor });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(token);
      expect(res.body).toContain(`${baseUrl}/webhooks/callgear/${account.id}/********`);
      await expect(gw.request({ method: 'GET', url, key: org.key }).then((r) => r.body)).resolves.toContain(account.webhookUrl);
    }
  });

  it("rotates: admin only (supervisor and operator 403), another organization's account 404; the old token's webhooks are refused", async () => {
    const org = await gw.createOrg();
    const other = await gw.createOrg();
    const account = await createCallGear(org.key);
    await expect(notify(account.webhookUrl, 2001)).resolves.toBe(200);

    expectProblem(await rotate(account.id, await keyWithRole(org.key, 'supervisor')), 403, 'FORBIDDEN');
    expectProblem(await rotate(account.id, await keyWithRole(org.key, 'operator')), 403, 'FORBIDDEN');
    expectProblem(await rotate(account.id, other.key), 404, 'PROVIDER_ACCOUNT_NOT_FOUND');
    await expect(notify(account.webhookUrl, 2002)).resolves.toBe(200); // none of those changed it

    const res = await rotate(account.id, org.key);
    expect(res.statusCode).toBe(200);
    const rotated = res.json<AccountBody>();
    expect(rotated).toMatchObject({ id: account.id, secretNames: ['apiKey', 'webhookToken'] });
    expect(tokenOf(rotated)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokenOf(rotated)).not.toBe(tokenOf(account));
    await expect(notify(account.webhookUrl, 2003)).resolves.toBe(401);
    await expect(notify(rotated.webhookUrl, 2003)).resolves.toBe(200);
    await expect(gw.request({ method: 'GET', url: `/v1/provider-accounts/${account.id}`, key: org.key }).then((r) => r.json<AccountBody>().webhookUrl)).resolves.toBe(rotated.webhookUrl);
  });

  it('an account whose webhooks are signed instead (simulator, Twilio) has no token to rotate: 422', async () => {
    const org = await gw.createOrg();
    const sim = (await gw.request({ method: 'POST', url: '/v1/provider-accounts', key: org.key, body: { type: 'simulator', name: 'Sim' } })).json<AccountBody>();
    expectProblem(await rotate(sim.id, org.key), 422, 'PROVIDER_NOT_SUPPORTED');
  });
});
