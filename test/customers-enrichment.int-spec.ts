import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { waitFor } from '@santral/testing';
import { startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startTicketingBeside, type TicketingBeside } from './support/ticketing-beside';

jest.setTimeout(120_000);

// The screen-pop's enrichment (K7) from a local stand-in of the business's own system: it answers,
// answers slowly, or fails. The card never waits past the organization's timeout; what comes later
// fills the cache for the next ring; every request is signed with the organization's secret.

type Mode = 'ok' | 'slow' | 'fail' | 'garbage';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

interface StandIn {
  url: string;
  mode: Mode;
  received: Received[];
  close(): Promise<void>;
}

async function startStandIn(): Promise<StandIn> {
  const standIn: StandIn = { url: '', mode: 'ok', received: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      standIn.received.push({ headers: req.headers, body });
      const phone = (JSON.parse(body) as { phone: string }).phone;
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ balance: 125.5, openOrders: 2, phone }));
      };
      if (standIn.mode === 'ok') answer();
      else if (standIn.mode === 'slow') setTimeout(answer, 700);
      else if (standIn.mode === 'garbage') res.end('not json');
      else (res.writeHead(500), res.end('boom'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lookup`;
  standIn.close = () => new Promise((resolve) => server.close(() => resolve()));
  return standIn;
}

describe('screen-pop enrichment: signed, bounded by its timeout, cached', () => {
  let gw: Gateway;
  let ticketing: TicketingBeside;
  let standIn: StandIn;

  beforeAll(async () => {
    standIn = await startStandIn();
    gw = await startGateway('gw_enrich', { RPC_TIMEOUT_MS: '5000' });
    // The stand-in listens on 127.0.0.1, which an organization may name only with private URLs allowed.
    ticketing = await startTicketingBeside(gw, 'tkt_enrich', { ENRICHMENT_CACHE_TTL_MS: '60000', ENRICHMENT_ALLOW_PRIVATE_URLS: 'true' });
  });

  afterAll(async () => {
    await ticketing?.close();
    await gw?.close();
    await standIn?.close();
  });

  async function org() {
    const o = await gw.createOrg();
    await ticketing.knows(o.id);
    return o;
  }

  const card = async (key: string, phone: string) => {
    const res = await gw.request({ method: 'GET', url: `/v1/customers/lookup?phone=${encodeURIComponent(phone)}`, key });
    expect(res.statusCode).toBe(200);
    return res.json<{ matched: boolean; customer?: { customerId: string }; enrichment: { status: string; data?: Record<string, unknown> } }>();
  };
  const configure = async (key: string, body: Record<string, unknown>) => {
    const res = await gw.request({ method: 'PUT', url: '/v1/customers/enrichment', key, body });
    expect(res.statusCode).toBe(200);
    return res.json<{ enabled: boolean; url?: string; timeoutMs: number; secret?: string }>();
  };

  it('off until configured; the first configuration shows the secret once; requests carry a valid Standard Webhooks signature; an answer is cached', async () => {
    const o = await org();
    expect((await card(o.key, '0555 100 00 05')).enrichment).toEqual({ status: 'off' });
    const settings = await configure(o.key, { url: standIn.url, timeoutMs: 300 });
    expect(settings).toEqual({ enabled: true, url: standIn.url, timeoutMs: 300, secret: expect.stringMatching(/^whsec_/) });
    expect((await gw.request({ method: 'GET', url: '/v1/customers/enrichment', key: o.key })).json()).toEqual({ enabled: true, url: standIn.url, timeoutMs: 300 });
    const customer = (await gw.request({ method: 'POST', url: '/v1/customers', key: o.key, body: { name: 'Zengin', phones: ['0555 100 00 05'] } })).json<{ customerId: string }>();

    standIn.mode = 'ok';
    standIn.received.length = 0;
    const first = await card(o.key, '+90 555 100 00 05');
    expect(first).toMatchObject({ matched: true, enrichment: { status: 'ok', data: { balance: 125.5, openOrders: 2, phone: '+905551000005' } } });
    expect(standIn.received).toHaveLength(1);
    const { headers, body } = standIn.received[0]!;
    expect(JSON.parse(body)).toEqual({ type: 'screenpop.lookup', organizationId: o.id, phone: '+905551000005', rawPhone: '+90 555 100 00 05', customerId: customer.customerId });
    const verified = new Webhook(settings.secret!).verify(body, { 'webhook-id': headers['webhook-id'] as string, 'webhook-timestamp': headers['webhook-timestamp'] as string, 'webhook-signature': headers['webhook-signature'] as string });
    expect(verified).toMatchObject({ phone: '+905551000005' });
    expect(() => new Webhook(`whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`).verify(body, headers as Record<string, string>)).toThrow();

    const second = await card(o.key, '0555 100 00 05');
    expect(second.enrichment).toEqual({ status: 'cached', data: { balance: 125.5, openOrders: 2, phone: '+905551000005' } });
    expect(standIn.received).toHaveLength(1);

    // Rotating makes a new secret, shown once; the URL stays.
    const rotated = await configure(o.key, { rotateSecret: true });
    expect(rotated).toEqual({ enabled: true, url: standIn.url, timeoutMs: 300, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.secret).not.toBe(settings.secret);
    expect(await configure(o.key, { timeoutMs: 250 })).toEqual({ enabled: true, url: standIn.url, timeoutMs: 250 });
    await card(o.key, '0555 100 00 05');
    const signed = standIn.received[standIn.received.length - 1]!;
    expect(() => new Webhook(rotated.secret!).verify(signed.body, signed.headers as Record<string, string>)).not.toThrow();
    expect(await configure(o.key, { url: null })).toEqual({ enabled: false, timeoutMs: 250 });
    expect((await card(o.key, '0555 100 00 05')).enrichment).toEqual({ status: 'off' });
  });

  it('a slow system: the card comes at once with enrichment timeout, and the late answer serves the next card from the cache', async () => {
    const o = await org();
    await configure(o.key, { url: standIn.url, timeoutMs: 100 });
    standIn.mode = 'slow';
    const before = standIn.received.length;
    const slow = await card(o.key, '0555 200 00 05');
    expect(slow).toMatchObject({ matched: false, enrichment: { status: 'timeout' } });
    expect(slow.enrichment).not.toHaveProperty('data');
    await waitFor(async () => standIn.received.length > before, 5000, 'the stand-in was asked');
    await waitFor(async () => (await card(o.key, '0555 200 00 05')).enrichment.status === 'cached', 5000, 'the late answer is cached');
    expect(standIn.received.length - before).toBe(1);
  });

  it('a failing or garbled system: the card comes with enrichment failed, and it is asked again next time', async () => {
    const o = await org();
    await configure(o.key, { url: standIn.url, timeoutMs: 300 });
    for (const mode of ['fail', 'garbage'] as const) {
      standIn.mode = mode;
      const before = standIn.received.length;
      expect((await card(o.key, '0555 300 00 05')).enrichment).toEqual({ status: 'failed' });
      expect((await card(o.key, '0555 300 00 05')).enrichment).toEqual({ status: 'failed' });
      expect(standIn.received.length - before).toBe(2);
    }
    // Nobody listening: refused at once, failed.
    await configure(o.key, { url: 'http://127.0.0.1:1/lookup' });
    expect((await card(o.key, '0555 300 00 05')).enrichment).toEqual({ status: 'failed' });
    standIn.mode = 'ok';
  });
});
