import { expectProblem, startGateway, type Gateway } from './gateway-harness';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway('gw_users');
});
afterAll(async () => gw?.close());

describe('users', () => {
  it('creates and lists users; the same e-mail twice is CONFLICT', async () => {
    const org = await gw.createOrg();
    const created = await gw.request({ method: 'POST', url: '/v1/users', key: org.key, body: { name: 'Ayşe', email: 'ayse@example.com', role: 'operator' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Ayşe', email: 'ayse@example.com', role: 'operator', id: expect.any(String) });
    const before = await gw.rowCounts();
    expectProblem(
      await gw.request({ method: 'POST', url: '/v1/users', key: org.key, body: { name: 'A', email: 'AYSE@example.com', role: 'admin' } }),
      409,
      'CONFLICT',
    );
    expect(await gw.rowCounts()).toEqual(before);
    const list = await gw.request({ method: 'GET', url: '/v1/users', key: org.key });
    expect(list.json()).toEqual({ items: [created.json()], nextCursor: null });
  });

  it('is admin only and scoped to the organization', async () => {
    const a = await gw.createOrg();
    const b = await gw.createOrg();
    await gw.request({ method: 'POST', url: '/v1/users', key: a.key, body: { name: 'A1', email: 'a1@example.com', role: 'admin' } });
    expect((await gw.request({ method: 'GET', url: '/v1/users', key: b.key })).json()).toEqual({ items: [], nextCursor: null });
    const op = await gw.request({ method: 'POST', url: '/v1/api-keys', key: a.key, body: { name: 'op', role: 'operator' } });
    expectProblem(await gw.request({ method: 'GET', url: '/v1/users', key: op.json().key }), 403, 'FORBIDDEN');
  });
});
