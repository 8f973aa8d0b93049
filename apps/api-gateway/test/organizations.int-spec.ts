import { ADMIN_KEY, expectProblem, startGateway, type Gateway } from './gateway-harness';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway('gw_orgs');
});
afterAll(async () => gw?.close());

describe('organizations', () => {
  it('creates an organization whose first admin key works on /v1/api-keys/test', async () => {
    const res = await gw.request({
      method: 'POST',
      url: '/v1/organizations',
      key: ADMIN_KEY,
      body: { name: 'Acme', defaultCountry: 'tr', timeZone: 'europe/istanbul', plan: 'free' },
    });
    expect(res.statusCode).toBe(201);
    const { organization, apiKey, apiKeyInfo } = res.json();
    expect(organization).toMatchObject({
      name: 'Acme',
      plan: 'free',
      defaultCountry: 'TR',
      timeZone: 'Europe/Istanbul',
      limits: { concurrentSlots: 3, callsPerHour: 100, minCreditsToStart: 10 },
    });
    expect(apiKeyInfo).toMatchObject({ role: 'admin', revokedAt: null, prefix: expect.stringMatching(/^sk_live_[A-Za-z0-9]{8}$/) });
    expect(apiKey).toMatch(new RegExp(`^${apiKeyInfo.prefix}_[A-Za-z0-9_-]{43}$`));

    const test = await gw.request({ method: 'GET', url: '/v1/api-keys/test', key: apiKey });
    expect(test.statusCode).toBe(200);
    expect(test.json()).toEqual({ ok: true, organizationId: organization.id, keyId: apiKeyInfo.id, role: 'admin' });
  });

  it('stores only the SHA-256 of the key, never the key', async () => {
    const org = await gw.createOrg();
    const rows: Array<Record<string, unknown>> = await gw.db.dataSource.query('SELECT * FROM api_keys WHERE organization_id = $1', [org.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(org.key);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('needs the platform admin key to create or update organizations', async () => {
    const org = await gw.createOrg();
    const body = { name: 'X', defaultCountry: 'TR', timeZone: 'UTC', plan: 'free' };
    const before = await gw.rowCounts();
    expectProblem(await gw.request({ method: 'POST', url: '/v1/organizations', body }), 401, 'UNAUTHENTICATED');
    expectProblem(await gw.request({ method: 'POST', url: '/v1/organizations', key: org.key, body }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'POST', url: '/v1/organizations', key: `${ADMIN_KEY}x`, body }), 401, 'INVALID_API_KEY');
    expectProblem(
      await gw.request({ method: 'PATCH', url: `/v1/organizations/${org.id}`, key: org.key, body: { limits: { concurrentSlots: 99 } } }),
      403,
      'FORBIDDEN',
    );
    expect(await gw.rowCounts()).toEqual(before);
  });

  it('raises limits and changes settings with PATCH (A2: slots 5 → 10)', async () => {
    const org = await gw.createOrg({ limits: { concurrentSlots: 5 } });
    expect(org.body.organization.limits.concurrentSlots).toBe(5);
    const res = await gw.request({
      method: 'PATCH',
      url: `/v1/organizations/${org.id}`,
      key: ADMIN_KEY,
      body: { limits: { concurrentSlots: 10 }, defaultCountry: 'VN', timeZone: 'Asia/Ho_Chi_Minh' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: org.id,
      defaultCountry: 'VN',
      timeZone: 'Asia/Ho_Chi_Minh',
      limits: { concurrentSlots: 10, callsPerHour: 100, minCreditsToStart: 10 },
    });
    const got = await gw.request({ method: 'GET', url: `/v1/organizations/${org.id}`, key: org.key });
    expect(got.json()).toMatchObject({ defaultCountry: 'VN', limits: { concurrentSlots: 10 } });
  });

  it('resets limits to the new plan\'s defaults on a plan change', async () => {
    const org = await gw.createOrg();
    const res = await gw.request({ method: 'PATCH', url: `/v1/organizations/${org.id}`, key: ADMIN_KEY, body: { plan: 'business' } });
    expect(res.json()).toMatchObject({ plan: 'business', limits: { concurrentSlots: 50, callsPerHour: 10_000 } });
  });

  it('shows an organization to the admin and its own keys, and is NOT_FOUND for another organization', async () => {
    const a = await gw.createOrg({ name: 'A' });
    const b = await gw.createOrg({ name: 'B' });
    expect((await gw.request({ method: 'GET', url: `/v1/organizations/${a.id}`, key: ADMIN_KEY })).json()).toMatchObject({ name: 'A' });
    expect((await gw.request({ method: 'GET', url: `/v1/organizations/${a.id}`, key: a.key })).statusCode).toBe(200);
    const leaked = expectProblem(await gw.request({ method: 'GET', url: `/v1/organizations/${a.id}`, key: b.key }), 404, 'NOT_FOUND');
    expect(JSON.stringify(leaked)).not.toContain('"A"');
  });

  it('is NOT_FOUND when patching an organization that does not exist', async () => {
    const before = await gw.rowCounts();
    const res = await gw.request({
      method: 'PATCH',
      url: '/v1/organizations/0190a000-0000-7000-8000-000000000999',
      key: ADMIN_KEY,
      body: { name: 'ghost' },
    });
    expectProblem(res, 404, 'NOT_FOUND');
    expect(await gw.rowCounts()).toEqual(before);
  });
});
