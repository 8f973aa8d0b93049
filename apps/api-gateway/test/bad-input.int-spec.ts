import { ADMIN_KEY, expectProblem, startGateway, type Gateway, type RequestOptions } from './gateway-harness';

/**
 * Every kind of bad input answers problem+json with its stable code and status, and writes
 * nothing (row counts of every table unchanged).
 */
let gw: Gateway;
const ctx = { orgA: '', keyA: '', keyB: '', operatorA: '', revokedA: '', keyIdA: '' };

beforeAll(async () => {
  gw = await startGateway('gw_bad');
  const a = await gw.createOrg({ name: 'A' });
  const b = await gw.createOrg({ name: 'B' });
  Object.assign(ctx, { orgA: a.id, keyA: a.key, keyB: b.key, keyIdA: a.keyId });
  const op = await gw.request({ method: 'POST', url: '/v1/api-keys', key: a.key, body: { name: 'op', role: 'operator' } });
  ctx.operatorA = op.json().key;
  const old = await gw.request({ method: 'POST', url: '/v1/api-keys', key: a.key, body: { name: 'old', role: 'admin' } });
  ctx.revokedA = old.json().key;
  await gw.request({ method: 'DELETE', url: `/v1/api-keys/${old.json().id}`, key: a.key });
});
afterAll(async () => gw?.close());

const org = { name: 'New', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' };

type Case = [name: string, request: () => RequestOptions, status: number, code: string, fields?: string[]];

const cases: Case[] = [
  ['unknown top-level field', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, isAdmin: true } }), 422, 'VALIDATION_FAILED', ['isAdmin']],
  ['unknown nested field', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, limits: { slots: 3 } } }), 422, 'VALIDATION_FAILED', ['limits.slots']],
  ['wrong types', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, name: 42, limits: { concurrentSlots: '3' } } }), 422, 'VALIDATION_FAILED', ['limits.concurrentSlots', 'name']],
  ['out-of-range limit', () => ({ method: 'PATCH', url: `/v1/organizations/${ctx.orgA}`, key: ADMIN_KEY, body: { limits: { concurrentSlots: 0 } } }), 422, 'VALIDATION_FAILED', ['limits.concurrentSlots']],
  ['unknown plan', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, plan: 'platinum' } }), 422, 'VALIDATION_FAILED', ['plan']],
  ['invalid time zone', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, timeZone: 'Mars/Olympus' } }), 422, 'VALIDATION_FAILED', ['timeZone']],
  ['invalid country', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, defaultCountry: 'TUR' } }), 422, 'VALIDATION_FAILED', ['defaultCountry']],
  ['missing fields', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: {} }), 422, 'VALIDATION_FAILED', ['defaultCountry', 'name', 'plan', 'timeZone']],
  ['empty patch', () => ({ method: 'PATCH', url: `/v1/organizations/${ctx.orgA}`, key: ADMIN_KEY, body: {} }), 422, 'VALIDATION_FAILED', ['body']],
  ['array body', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, body: [{ name: 'x', role: 'admin' }] }), 422, 'VALIDATION_FAILED'],
  ['unknown role', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, body: { name: 'x', role: 'root' } }), 422, 'VALIDATION_FAILED', ['role']],
  ['malformed JSON', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: '{"name": "x",', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON'],
  ['empty JSON body', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: '', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON'],
  ['prototype poisoning', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: '{"name":"x","role":"admin","__proto__":{"a":1}}', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON'],
  ['oversized body', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, name: 'x'.repeat(1_100_000) } }), 413, 'PAYLOAD_TOO_LARGE'],
  ['text/plain body', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: 'name=x', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['form body', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: 'name=x&role=admin', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['missing key', () => ({ method: 'POST', url: '/v1/api-keys', body: { name: 'x', role: 'admin' } }), 401, 'UNAUTHENTICATED'],
  ['invalid key', () => ({ method: 'POST', url: '/v1/api-keys', key: 'sk_live_ZZZZZZZZ_forged', body: { name: 'x', role: 'admin' } }), 401, 'INVALID_API_KEY'],
  ['revoked key', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.revokedA, body: { name: 'x', role: 'admin' } }), 401, 'API_KEY_REVOKED'],
  ['operator managing keys', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.operatorA, body: { name: 'x', role: 'admin' } }), 403, 'FORBIDDEN'],
  ['another org\'s key id', () => ({ method: 'DELETE', url: `/v1/api-keys/${ctx.keyIdA}`, key: ctx.keyB }), 404, 'NOT_FOUND'],
  ['another org\'s id', () => ({ method: 'GET', url: `/v1/organizations/${ctx.orgA}`, key: ctx.keyB }), 404, 'NOT_FOUND'],
  ['malformed id', () => ({ method: 'DELETE', url: '/v1/api-keys/not-a-uuid', key: ctx.keyA }), 422, 'VALIDATION_FAILED', ['id']],
  ['bad limit query', () => ({ method: 'GET', url: '/v1/api-keys?limit=abc', key: ctx.keyA }), 422, 'VALIDATION_FAILED', ['limit']],
  ['unknown query parameter', () => ({ method: 'GET', url: '/v1/api-keys?sort=name', key: ctx.keyA }), 422, 'VALIDATION_FAILED', ['sort']],
  ['forged cursor', () => ({ method: 'GET', url: '/v1/api-keys?cursor=bm9wZQ', key: ctx.keyA }), 400, 'INVALID_CURSOR'],
  // ["1", "00000000-0000-7000-8000-000000000000"]: JSON of the right shape, but no date in it.
  ['cursor with a non-date', () => ({ method: 'GET', url: '/v1/api-keys?cursor=WyIxIiwiMDAwMDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAwIl0', key: ctx.keyA }), 400, 'INVALID_CURSOR'],
  ['cursor with a non-UUID', () => ({ method: 'GET', url: `/v1/users?cursor=${Buffer.from('["2026-01-02T03:04:05.678901Z","nope"]').toString('base64url')}`, key: ctx.keyA }), 400, 'INVALID_CURSOR'],
  ['NUL in a name', () => ({ method: 'POST', url: '/v1/users', key: ctx.keyA, body: { name: 'a\u0000', email: 'a@b.co', role: 'operator' } }), 422, 'VALIDATION_FAILED', ['name']],
  ['unpaired surrogate in a name', () => ({ method: 'PATCH', url: `/v1/organizations/${ctx.orgA}`, key: ADMIN_KEY, body: { name: 'Acme \uD800' } }), 422, 'VALIDATION_FAILED', ['name']],
  ['NUL in an object key', () => ({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body: { ...org, limits: { ['concurrentSlots\u0000']: 3 } } }), 422, 'VALIDATION_FAILED', ['limits']],
  ['deeply nested body', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: `{"name":"x","role":"admin","":${'['.repeat(3000)}${']'.repeat(3000)}}`, headers: { 'content-type': 'application/json' } }), 422, 'VALIDATION_FAILED'],
  ['deeply nested body with an Idempotency-Key', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: `{"name":"x","role":"admin","":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-1' } }), 422, 'VALIDATION_FAILED'],
  ['NUL in a query string', () => ({ method: 'GET', url: '/v1/api-keys?cursor=%00', key: ctx.keyA }), 422, 'VALIDATION_FAILED', ['cursor']],
  ['NUL in a path parameter', () => ({ method: 'DELETE', url: '/v1/api-keys/%00', key: ctx.keyA }), 422, 'VALIDATION_FAILED', ['id']],
  ['bad Idempotency-Key', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, body: { name: 'x', role: 'admin' }, headers: { 'idempotency-key': 'x'.repeat(300) } }), 422, 'VALIDATION_FAILED', ['Idempotency-Key']],
  ['invalid body with an Idempotency-Key', () => ({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, body: { name: 'x', role: 'root' }, headers: { 'idempotency-key': 'bad-body-1' } }), 422, 'VALIDATION_FAILED', ['role']],
  ['unknown route', () => ({ method: 'GET', url: '/v1/nothing-here', key: ctx.keyA }), 404, 'NOT_FOUND'],
  ['unknown method on a route', () => ({ method: 'PUT', url: '/v1/api-keys', key: ctx.keyA, body: {} }), 404, 'NOT_FOUND'],
];

const table = cases.map(([name, request, status, code, fields]) => ({ name, request, status, code, fields }));

describe('bad input', () => {
  it.each(table)('$name → $status $code, nothing written', async ({ request, status, code, fields }) => {
    const before = await gw.rowCounts();
    const problem = expectProblem(await gw.request(request()), status, code);
    if (fields) expect([...new Set((problem.errors as Array<{ field: string }>).map((e) => e.field))].sort()).toEqual(fields);
    expect(await gw.rowCounts()).toEqual(before);
  });

  it('never leaks internals in a problem', async () => {
    const res = await gw.request({ method: 'POST', url: '/v1/api-keys', key: ctx.keyA, rawBody: '{bad', headers: { 'content-type': 'application/json' } });
    expect(res.body).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
  });
});
