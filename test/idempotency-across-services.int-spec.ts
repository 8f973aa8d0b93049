import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';

jest.setTimeout(60_000);

/** Forwards to the simulator after `delayMs`: the telephony-gateway's answer comes after the gateway gave up. */
function slowProxy(target: string, delayMs: () => number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const up = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.on('error', () => res.writeHead(502).end());
        up.end(Buffer.concat(chunks));
      }, delayMs());
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

// Issue 9 item 3: a create whose reply timed out (the change may have been applied) keeps its
// Idempotency-Key bound; a retry gets 409 with Retry-After during the lease, then reaches the
// telephony-gateway again with the same key and gets the account it already created.
describe('Idempotency-Key across services: api-gateway → NATS → telephony-gateway', () => {
  let gw: Gateway;
  let telephony: TelephonyBeside | undefined;
  let proxy: Server;
  // The gateway gives up after 1.5 s; the provider answers after 2.5 s. Generous figures: under a
  // loaded CI machine the plain round trip (delay 0) must stay well inside the timeout.
  let delayMs = 2500;

  beforeAll(async () => {
    gw = await startGateway('gw_idem', { PROVIDER_RPC_TIMEOUT_MS: '1500', IDEMPOTENCY_LEASE_SECONDS: '4' });
    telephony = await startTelephonyBeside(gw, 'tg_idem', {
      simulatorUrl: async (real) => {
        const slow = await slowProxy(real, () => delayMs);
        proxy = slow.server;
        return slow.url;
      },
    });
  });

  afterAll(async () => {
    await telephony?.close();
    await new Promise((r) => proxy?.close(r));
    await gw?.close();
  });

  const accountsOf = async (orgId: string) =>
    ((await telephony!.db.dataSource.query('SELECT id FROM provider_accounts WHERE organization_id = $1', [orgId])) as Array<{ id: string }>).map((r) => r.id);

  it('a timed-out create is answered once: 504, then 409 with Retry-After, then the same account', async () => {
    const org = await gw.createOrg();
    const body = { type: 'simulator', name: 'Slow provider', settings: { timeScale: 60 }, secrets: { apiKey: 'sk_test_key_0123456789' } };
    const send = () => gw.request({ method: 'POST', url: '/v1/provider-accounts', key: org.key, body, headers: { 'idempotency-key': 'create-slow-1' } });

    const first = await send();
    expect(first.statusCode).toBe(504);
    expect(first.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });

    const during = await send();
    expect(during.statusCode).toBe(409);
    expect(during.json()).toMatchObject({ code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' });
    expect(Number(during.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // The telephony-gateway finishes the first request meanwhile: one account exists.
    const until = Date.now() + 15_000;
    let created = await accountsOf(org.id);
    while (created.length === 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      created = await accountsOf(org.id);
    }
    expect(created).toHaveLength(1);

    // Once the lease is over the retry reaches the telephony-gateway again, with the same key.
    delayMs = 0;
    let retry = await send();
    while (retry.statusCode === 409 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      retry = await send();
    }
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toMatchObject({ id: created[0], name: 'Slow provider' });
    await expect(accountsOf(org.id)).resolves.toEqual(created); // no second account

    const replay = await send();
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toMatchObject({ id: created[0] });
  });

  it('a create refused outright releases its key: the corrected retry with the same key runs', async () => {
    delayMs = 0;
    const org = await gw.createOrg();
    const headers = { 'idempotency-key': 'create-refused-1' };
    const bad = await gw.request({ method: 'POST', url: '/v1/provider-accounts', key: org.key, body: { type: 'twilio', name: 'No credentials' }, headers });
    expect(bad.statusCode).toBe(422);
    const good = await gw.request({ method: 'POST', url: '/v1/provider-accounts', key: org.key, body: { type: 'twilio', name: 'No credentials' }, headers });
    expect(good.statusCode).toBe(422); // same request, refused again (not a stored answer, not 409)
    await expect(accountsOf(org.id)).resolves.toEqual([]);
  });
});
