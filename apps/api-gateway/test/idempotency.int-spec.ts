import { ADMIN_KEY, expectProblem, startGateway, type Gateway } from './gateway-harness';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway('gw_idem');
});
afterAll(async () => gw?.close());

const org = { name: 'Idem', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' };

function createOrg(key: string, body: unknown = org) {
  return gw.request({ method: 'POST', url: '/v1/organizations', key: ADMIN_KEY, body, headers: { 'idempotency-key': key } });
}

describe('Idempotency-Key', () => {
  it('replays the first answer (status, body, and the one-time key) without running again', async () => {
    const first = await createOrg('org-create-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await gw.rowCounts();
    const again = await createOrg('org-create-1', { plan: 'free', timeZone: 'Europe/Istanbul', defaultCountry: 'TR', name: 'Idem' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await gw.rowCounts()).toEqual(before);
  });

  it('stores the answer sealed: the plaintext API key is not in the database', async () => {
    const res = await createOrg('org-create-sealed');
    const plaintext: string = res.json().apiKey;
    const rows: Array<{ body: string }> = await gw.db.dataSource.query("SELECT encode(response_body, 'escape') AS body FROM idempotency_keys");
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.body).not.toContain(plaintext);
  });

  it('is IDEMPOTENCY_KEY_REUSED (422) for the same key with another body, and writes nothing', async () => {
    await createOrg('org-create-2');
    const before = await gw.rowCounts();
    expectProblem(await createOrg('org-create-2', { ...org, name: 'Other' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await gw.rowCounts()).toEqual(before);
  });

  it('runs concurrent duplicates once', async () => {
    const before = await gw.rowCounts();
    const answers = await Promise.all(Array.from({ length: 5 }, () => createOrg('org-create-race')));
    const executed = answers.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(executed).toHaveLength(1);
    for (const other of answers.filter((r) => !executed.includes(r))) {
      if (other.statusCode === 201) expect(other.json()).toEqual(executed[0].json());
      else expectProblem(other, 409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS');
    }
    const after = await gw.rowCounts();
    expect(after.organizations).toBe(before.organizations + 1);
    expect(after.api_keys).toBe(before.api_keys + 1);
  });

  it('is IDEMPOTENCY_REQUEST_IN_PROGRESS (409) while a request with the key is running', async () => {
    const first = await createOrg('org-create-3');
    // Put the stored row back to its in-progress state, as if the first request were still running.
    await gw.db.dataSource.query("UPDATE idempotency_keys SET state = 'in_progress', response_status = NULL, response_body = NULL");
    const before = await gw.rowCounts();
    expectProblem(await createOrg('org-create-3'), 409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS');
    expect(await gw.rowCounts()).toEqual(before);
    expect(first.statusCode).toBe(201);
    await gw.db.dataSource.query('DELETE FROM idempotency_keys');
  });

  it('does not store failed requests: a corrected retry with the same key runs', async () => {
    const a = await gw.createOrg();
    const key = 'key-create-1';
    const bad = await gw.request({ method: 'POST', url: '/v1/api-keys', key: a.key, body: { name: 'x', role: 'root' }, headers: { 'idempotency-key': key } });
    expectProblem(bad, 422, 'VALIDATION_FAILED');
    const good = await gw.request({ method: 'POST', url: '/v1/api-keys', key: a.key, body: { name: 'x', role: 'operator' }, headers: { 'idempotency-key': key } });
    expect(good.statusCode).toBe(201);
  });

  it('scopes keys per organization', async () => {
    const a = await gw.createOrg();
    const b = await gw.createOrg();
    const body = { name: 'same', role: 'operator' };
    const headers = { 'idempotency-key': 'shared-key' };
    const ra = await gw.request({ method: 'POST', url: '/v1/api-keys', key: a.key, body, headers });
    const rb = await gw.request({ method: 'POST', url: '/v1/api-keys', key: b.key, body, headers });
    expect([ra.statusCode, rb.statusCode]).toEqual([201, 201]);
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(rb.json().id).not.toBe(ra.json().id);
    const test = await gw.request({ method: 'GET', url: '/v1/api-keys/test', key: rb.json().key });
    expect(test.json().organizationId).toBe(b.id);
  });

  it('expires keys: after the TTL the same key runs again', async () => {
    const first = await createOrg('org-create-expiring');
    await gw.db.dataSource.query("UPDATE idempotency_keys SET expires_at = now() - interval '1 second'");
    const again = await createOrg('org-create-expiring');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json().organization.id).not.toBe(first.json().organization.id);
  });
});
