import { ADMIN_KEY, expectProblem, startGateway, type Gateway } from './gateway-harness';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway('gw_keys');
});
afterAll(async () => gw?.close());

async function createKey(adminKey: string, role: string, name = role): Promise<{ id: string; key: string; prefix: string }> {
  const res = await gw.request({ method: 'POST', url: '/v1/api-keys', key: adminKey, body: { name, role } });
  if (res.statusCode !== 201) throw new Error(`createKey: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe('api keys', () => {
  it('creates keys of each role; each answers /v1/api-keys/test with its role', async () => {
    const org = await gw.createOrg();
    for (const role of ['admin', 'supervisor', 'operator']) {
      const created = await createKey(org.key, role);
      const test = await gw.request({ method: 'GET', url: '/v1/api-keys/test', key: created.key });
      expect(test.json()).toEqual({ ok: true, organizationId: org.id, keyId: created.id, role });
    }
  });

  it('lists keys newest first with a cursor, never their secrets', async () => {
    const org = await gw.createOrg();
    for (let i = 0; i < 4; i++) await createKey(org.key, 'operator', `k${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const res = await gw.request({ method: 'GET', url: `/v1/api-keys${query}`, key: org.key });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) {
        expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'name', 'prefix', 'revokedAt', 'role']);
        seen.push(item.name as string);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['k3', 'k2', 'k1', 'k0', 'Initial admin key']);
  });

  it('revokes a key: it then fails with API_KEY_REVOKED, and it is listed as revoked', async () => {
    const org = await gw.createOrg();
    const op = await createKey(org.key, 'operator');
    const del = await gw.request({ method: 'DELETE', url: `/v1/api-keys/${op.id}`, key: org.key });
    expect(del.statusCode).toBe(204);
    expectProblem(await gw.request({ method: 'GET', url: '/v1/api-keys/test', key: op.key }), 401, 'API_KEY_REVOKED');
    expect((await gw.request({ method: 'DELETE', url: `/v1/api-keys/${op.id}`, key: org.key })).statusCode).toBe(204);
    const list = (await gw.request({ method: 'GET', url: '/v1/api-keys', key: org.key })).json<{ items: Array<{ id: string; revokedAt: string | null }> }>();
    expect(list.items.find((k) => k.id === op.id)?.revokedAt).toEqual(expect.any(String));
  });

  it('refuses to revoke the last active admin key', async () => {
    const org = await gw.createOrg();
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/api-keys/${org.keyId}`, key: org.key }), 409, 'CONFLICT');
    const second = await createKey(org.key, 'admin');
    expect((await gw.request({ method: 'DELETE', url: `/v1/api-keys/${org.keyId}`, key: second.key })).statusCode).toBe(204);
  });

  it.each(['operator', 'supervisor'])('forbids a %s key to manage keys (403), and writes nothing', async (role) => {
    const org = await gw.createOrg();
    const weak = await createKey(org.key, role);
    const before = await gw.rowCounts();
    expectProblem(await gw.request({ method: 'POST', url: '/v1/api-keys', key: weak.key, body: { name: 'x', role: 'admin' } }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/api-keys', key: weak.key }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/api-keys/${org.keyId}`, key: weak.key }), 403, 'FORBIDDEN');
    expect(await gw.rowCounts()).toEqual(before);
  });

  it('keeps organizations apart: B cannot see or revoke A\'s keys (404), A\'s key keeps working', async () => {
    const a = await gw.createOrg({ name: 'A' });
    const b = await gw.createOrg({ name: 'B' });
    const aOperator = await createKey(a.key, 'operator');
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/api-keys/${aOperator.id}`, key: b.key }), 404, 'NOT_FOUND');
    expect((await gw.request({ method: 'GET', url: '/v1/api-keys/test', key: aOperator.key })).statusCode).toBe(200);
    const bList = (await gw.request({ method: 'GET', url: '/v1/api-keys?limit=100', key: b.key })).json<{ items: Array<{ id: string }> }>();
    expect(bList.items.map((k) => k.id)).toEqual([b.keyId]);
  });

  it('gives the platform admin key no organization to test (403)', async () => {
    expectProblem(await gw.request({ method: 'GET', url: '/v1/api-keys/test', key: ADMIN_KEY }), 403, 'FORBIDDEN');
  });

  it('answers a clear 401 for missing and invalid keys', async () => {
    const missing = await gw.request({ method: 'GET', url: '/v1/api-keys/test' });
    expectProblem(missing, 401, 'UNAUTHENTICATED');
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/api-keys/test', key: 'sk_live_AAAAAAAA_nope' }), 401, 'INVALID_API_KEY');
    expectProblem(
      await gw.request({ method: 'GET', url: '/v1/api-keys/test', headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
      401,
      'UNAUTHENTICATED',
    );
  });
});
