import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { Rpc, Subjects, type DialerCallEndedV1, type TelephonyInboundReceivedV1 } from '@santral/contracts';
import { buildEnvelope, connectNats, decodeJson, encodeJson } from '@santral/messaging';
import { testEnv, waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startTicketingBeside, type TicketingBeside } from './support/ticketing-beside';
import { organizationKnownTo, type RoleOrg } from './support/beside';

jest.setTimeout(120_000);

// /v1/customers end to end: the real api-gateway (auth, roles, validation, problem+json) asks the real
// ticketing service over NATS; ticketing learns each organization's default country from the
// gateway's events and keeps the number-keyed call history from dialer.call.ended.v1.
const MISSING = '0190ffff-0000-7000-8000-000000000000';

type Org = RoleOrg;

interface Customer {
  customerId: string;
  name: string;
  phones: string[];
  [k: string]: unknown;
}

interface Card {
  matched: boolean;
  phone?: string;
  rawPhone: string;
  customer?: Customer;
  openTicketCount: number;
  openTickets: unknown[];
  lastCalls: Array<{ callId: string; direction: string; reason: string; talkSeconds: number; endedAt: string }>;
  enrichment: { status: string; data?: Record<string, unknown> };
}

describe('customers: api-gateway HTTP → NATS request/reply → ticketing service', () => {
  let gw: Gateway;
  let ticketing: TicketingBeside;
  let nc: NatsConnection;

  beforeAll(async () => {
    gw = await startGateway('gw_cust', { RPC_TIMEOUT_MS: '5000' });
    ticketing = await startTicketingBeside(gw, 'tkt_cust');
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'customers-test' });
  });

  afterAll(async () => {
    await nc?.close();
    await ticketing?.close();
    await gw?.close();
  });

  const org = (): Promise<Org> => organizationKnownTo(gw, ticketing);

  const create = async (o: Org, body: Record<string, unknown>, key = o.key) => {
    const res = await gw.request({ method: 'POST', url: '/v1/customers', key, body });
    expect(res.statusCode).toBe(201);
    return res.json<Customer>();
  };
  const lookup = async (o: Org, phone: string, key = o.key) => {
    const res = await gw.request({ method: 'GET', url: `/v1/customers/lookup?phone=${encodeURIComponent(phone)}`, key });
    expect(res.statusCode).toBe(200);
    return res.json<Card>();
  };
  const search = async (o: Org, q: string, extra = '') => {
    const res = await gw.request({ method: 'GET', url: `/v1/customers?q=${encodeURIComponent(q)}${extra}`, key: o.key });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Customer[]; nextCursor: string | null }>();
  };
  const count = async (table: string, orgId: string) =>
    ((await ticketing.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [orgId])) as Array<{ n: number }>)[0]!.n;

  /** Publishes an event on JetStream as its producer's outbox relay would; `envelope` re-sends one as it was. */
  async function publish(type: string, data: object & { organizationId: string; callId: string }, opts: { time?: string; envelope?: ReturnType<typeof buildEnvelope> } = {}) {
    const env = opts.envelope ?? buildEnvelope({ type, data, orgid: data.organizationId, subject: data.callId, ...(opts.time ? { time: opts.time } : {}) }, 'santral/test');
    await jetstream(nc).publish(`${gw.subjectPrefix}.${type}`, encodeJson(env), { msgID: `${env.id}-${Math.random()}` });
    return env;
  }

  it('creates a customer with phones in messy forms (stored E.164, deduplicated), reads, lists and patches it', async () => {
    const a = await org();
    const c = await create(a, { name: ' Ayşe Yılmaz ', email: 'ayse@ornek.com.tr', company: 'Işık Lojistik', notes: 'VIP', customFields: { musteriNo: 'A-1042' }, phones: ['0555 123 45 67', '+90 (555) 123-45-67', '0 (212) 555 12 12'] });
    expect(c).toEqual({
      customerId: expect.any(String), name: 'Ayşe Yılmaz', email: 'ayse@ornek.com.tr', company: 'Işık Lojistik', notes: 'VIP', customFields: { musteriNo: 'A-1042' },
      phones: ['+905551234567', '+902125551212'], createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    expect((await gw.request({ method: 'GET', url: `/v1/customers/${c.customerId}`, key: a.operator })).json()).toEqual(c);
    expect((await gw.request({ method: 'GET', url: '/v1/customers?limit=10', key: a.supervisor })).json()).toEqual({ items: [c], nextCursor: null });
    const patched = await gw.request({ method: 'PATCH', url: `/v1/customers/${c.customerId}`, key: a.operator, body: { notes: null, company: 'Yeni Şirket', customFields: { sehir: 'İzmir' } } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Ayşe Yılmaz', company: 'Yeni Şirket', customFields: { sehir: 'İzmir' }, phones: ['+905551234567', '+902125551212'] });
    expect(patched.json()).not.toHaveProperty('notes');
    await expect(search(a, 'izmir')).resolves.toMatchObject({ items: [{ customerId: c.customerId }] });
    await expect(search(a, 'işık')).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('matches whatever form the PBX sends (+90, 0, 00, spaces, dashes, brackets) to one customer; an unknown number gets the "new customer" card', async () => {
    const a = await org();
    const c = await create(a, { name: 'Mehmet', notes: 'Teslimat günü değişti', phones: ['05321234567'] });
    for (const form of ['+905321234567', '905321234567', '0090 532 123 45 67', '(0532) 123-45-67', '0 532 123 45 67', '+90 (532) 123 45 67', '532 123 4567', '+90-532-123-45-67']) {
      const card = await lookup(a, form);
      expect({ form, matched: card.matched, customerId: card.customer?.customerId, phone: card.phone }).toEqual({ form, matched: true, customerId: c.customerId, phone: '+905321234567' });
    }
    const card = await lookup(a, '0532 123 45 67', a.operator);
    expect(card).toEqual({ matched: true, phone: '+905321234567', rawPhone: '0532 123 45 67', customer: expect.objectContaining({ name: 'Mehmet', notes: 'Teslimat günü değişti' }), openTicketCount: 0, openTickets: [], lastCalls: [], enrichment: { status: 'off' } });
    expect(card.customer).not.toHaveProperty('organizationId');
    await expect(lookup(a, '0532 999 00 05')).resolves.toEqual({ matched: false, phone: '+905329990005', rawPhone: '0532 999 00 05', openTicketCount: 0, openTickets: [], lastCalls: [], enrichment: { status: 'off' } });
    const body = expectProblem(await gw.request({ method: 'GET', url: '/v1/customers/lookup?phone=anonymous', key: a.key }), 422, 'NOT_A_NUMBER');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    expectProblem(await gw.request({ method: 'GET', url: '/v1/customers/lookup', key: a.key }), 422, 'VALIDATION_FAILED');
    // The older rpc.ticketing.customer.lookup answers the same match in the events' card shape.
    const ask = async (phone: string) => decodeJson((await nc.request(`${gw.subjectPrefix}.${Rpc.Ticketing.CustomerLookup}`, encodeJson({ organizationId: a.id, phone }), { timeout: 5000 })).data);
    await expect(ask('(0532) 123-45-67')).resolves.toEqual({ ok: true, data: { matched: true, phone: '+905321234567', customer: { customerId: c.customerId, name: 'Mehmet', phones: ['+905321234567'], openTicketCount: 0, notes: 'Teslimat günü değişti' } } });
    await expect(ask('0532 999 00 05')).resolves.toEqual({ ok: true, data: { matched: false, phone: '+905329990005' } });
  });

  it('a number belongs to at most one customer: a second link or create is PHONE_ALREADY_LINKED and stores nothing; relinking is a no-op; unlink frees it', async () => {
    const a = await org();
    const first = await create(a, { name: 'Birinci', phones: ['0555 000 11 22'] });
    const second = await create(a, { name: 'İkinci' });
    const conflict = expectProblem(await gw.request({ method: 'POST', url: `/v1/customers/${second.customerId}/phones`, key: a.operator, body: { phone: '+90 555 000 11 22' } }), 409, 'PHONE_ALREADY_LINKED');
    expect(conflict.customerId).toBe(first.customerId);
    const before = await count('customers', a.id);
    expectProblem(await gw.request({ method: 'POST', url: '/v1/customers', key: a.key, body: { name: 'Üçüncü', phones: ['05559998877', '00905550001122'] } }), 409, 'PHONE_ALREADY_LINKED');
    expect(await count('customers', a.id)).toBe(before);
    expect((await lookup(a, '05559998877')).matched).toBe(false);
    const again = await gw.request({ method: 'POST', url: `/v1/customers/${first.customerId}/phones`, key: a.key, body: { phone: '0555-000-11-22' } });
    expect(again.statusCode).toBe(201);
    expect(again.json<Customer>().phones).toEqual(['+905550001122']);
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/customers/${first.customerId}/phones/${encodeURIComponent('+905550001122')}`, key: a.operator }), 403, 'FORBIDDEN');
    const unlinked = await gw.request({ method: 'DELETE', url: `/v1/customers/${first.customerId}/phones/${encodeURIComponent('0555 000 11 22')}`, key: a.supervisor });
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json<Customer>().phones).toEqual([]);
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/customers/${first.customerId}/phones/${encodeURIComponent('+905550001122')}`, key: a.key }), 404, 'NOT_FOUND');
    const linked = await gw.request({ method: 'POST', url: `/v1/customers/${second.customerId}/phones`, key: a.operator, body: { phone: '0555 000 11 22' } });
    expect(linked.statusCode).toBe(201);
    expect((await lookup(a, '+905550001122')).customer?.customerId).toBe(second.customerId);
    const bad = expectProblem(await gw.request({ method: 'POST', url: `/v1/customers/${second.customerId}/phones`, key: a.key, body: { phone: '0555 12' } }), 422, 'TOO_SHORT');
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    expectProblem(await gw.request({ method: 'POST', url: '/v1/customers', key: a.key, body: { name: 'X', phones: ['+90 555 abc'] } }), 422, 'NOT_A_NUMBER');
  });

  it('searches name, e-mail, company, notes and custom fields, Turkish-aware (İ/ı, case, accents), by word prefix, with a cursor', async () => {
    const a = await org();
    const isik = await create(a, { name: 'Işık Yılmaz', email: 'isik@firma.com.tr' });
    const ist = await create(a, { name: 'Selin Kaya', company: 'İstanbul Lojistik A.Ş.' });
    const notes = await create(a, { name: 'Can Öztürk', notes: 'Teslimat günü değişti; ekstra hizmet onaylandı' });
    const custom = await create(a, { name: 'Deniz Ak', customFields: { sehir: 'Çanakkale', musteriNo: 'TR-7781' } });
    const ids = async (q: string) => (await search(a, q)).items.map((c) => c.customerId);
    await expect(ids('ISIK')).resolves.toEqual([isik.customerId]);
    await expect(ids('ışık')).resolves.toEqual([isik.customerId]);
    await expect(ids('Isik yilmaz')).resolves.toEqual([isik.customerId]);
    await expect(ids('istanbul')).resolves.toEqual([ist.customerId]);
    await expect(ids('İSTANBUL')).resolves.toEqual([ist.customerId]);
    await expect(ids('lojist')).resolves.toEqual([ist.customerId]);
    await expect(ids('degisti')).resolves.toEqual([notes.customerId]);
    await expect(ids('ÖZTÜRK')).resolves.toEqual([notes.customerId]);
    await expect(ids('canakkale')).resolves.toEqual([custom.customerId]);
    await expect(ids('7781')).resolves.toEqual([custom.customerId]);
    await expect(ids('firma.com')).resolves.toEqual([isik.customerId]);
    await expect(ids('yılmaz kaya')).resolves.toEqual([]);
    const b = await org();
    await expect((async () => (await search(b, 'istanbul')).items)()).resolves.toEqual([]);
    // "a" starts a word of two of them (Kaya / A.Ş., Ak): two pages of one, newest first.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Customer[]; nextCursor: string | null } = await search(a, 'a', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.customerId));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = (await search(a, 'a', '&limit=100')).items.map((c) => c.customerId);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(expected).toEqual([custom.customerId, ist.customerId]);
    expectProblem(await gw.request({ method: 'GET', url: `/v1/customers?q=${encodeURIComponent('-- !')}`, key: a.key }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/customers?cursor=nope', key: a.key }), 400, 'INVALID_CURSOR');
  });

  it("answers 404 for another organization's customer on every route, and its numbers are not the other's", async () => {
    const [a, b] = [await org(), await org()];
    const c = await create(a, { name: 'Gizli', phones: ['0555 444 33 22'] });
    expectProblem(await gw.request({ method: 'GET', url: `/v1/customers/${c.customerId}`, key: b.key }), 404, 'CUSTOMER_NOT_FOUND');
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/customers/${c.customerId}`, key: b.key, body: { name: 'Stolen' } }), 404, 'CUSTOMER_NOT_FOUND');
    expectProblem(await gw.request({ method: 'POST', url: `/v1/customers/${c.customerId}/phones`, key: b.key, body: { phone: '0555 111 22 33' } }), 404, 'CUSTOMER_NOT_FOUND');
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/customers/${c.customerId}/phones/${encodeURIComponent('+905554443322')}`, key: b.key }), 404, 'CUSTOMER_NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/customers/${MISSING}`, key: a.key }), 404, 'CUSTOMER_NOT_FOUND');
    expect((await gw.request({ method: 'GET', url: '/v1/customers', key: b.key })).json()).toEqual({ items: [], nextCursor: null });
    expect((await lookup(b, '0555 444 33 22')).matched).toBe(false);
    // The same number is free in another organization.
    await expect(create(b, { name: 'Başka', phones: ['+905554443322'] })).resolves.toMatchObject({ phones: ['+905554443322'] });
    expect((await gw.request({ method: 'GET', url: `/v1/customers/${c.customerId}`, key: a.key })).json()).toMatchObject({ name: 'Gizli' });
  });

  it('refuses bad input naming the field, and roles: only an admin sees or sets the enrichment URL, operators may not unlink', async () => {
    const a = await org();
    const refused = async (body: Record<string, unknown>) => [...new Set((expectProblem(await gw.request({ method: 'POST', url: '/v1/customers', key: a.key, body }), 422, 'VALIDATION_FAILED').errors as Array<{ field: string }>).map((e) => e.field))];
    await expect(refused({})).resolves.toEqual(['name']);
    await expect(refused({ name: 'x'.repeat(201) })).resolves.toEqual(['name']);
    await expect(refused({ name: 'X', customFields: { a: 1 } })).resolves.toEqual(['customFields']);
    await expect(refused({ name: 'X', phones: 'not-a-list' })).resolves.toEqual(['phones']);
    await expect(refused({ name: 'X', unknown: 1 })).resolves.toEqual(['unknown']);
    const c = await create(a, { name: 'X' });
    expectProblem(await gw.request({ method: 'PATCH', url: `/v1/customers/${c.customerId}`, key: a.key, body: {} }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/customers/not-a-uuid', key: a.key }), 422, 'VALIDATION_FAILED');
    for (const key of [a.supervisor, a.operator]) {
      expectProblem(await gw.request({ method: 'GET', url: '/v1/customers/enrichment', key }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'PUT', url: '/v1/customers/enrichment', key, body: { url: 'http://127.0.0.1:1/x' } }), 403, 'FORBIDDEN');
    }
    expectProblem(await gw.request({ method: 'DELETE', url: `/v1/customers/${c.customerId}/phones/${encodeURIComponent('+905551112233')}`, key: a.operator }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'PUT', url: '/v1/customers/enrichment', key: a.key, body: { url: 'ftp://x.example/y' } }), 422, 'VALIDATION_FAILED');
    // SSRF guard: by default an organization's lookup URL may not be this network.
    for (const url of ['http://127.0.0.1:8080/x', 'http://169.254.169.254/latest/meta-data', 'http://localhost/x']) {
      const body = expectProblem(await gw.request({ method: 'PUT', url: '/v1/customers/enrichment', key: a.key, body: { url } }), 422, 'VALIDATION_FAILED');
      expect(body.errors).toEqual([{ field: 'url', message: 'url may not point at this network' }]);
    }
    expect((await gw.request({ method: 'GET', url: '/v1/customers/enrichment', key: a.key })).json()).toEqual({ enabled: false, timeoutMs: 300 });
    expectProblem(await gw.request({ method: 'PUT', url: '/v1/customers/enrichment', key: a.key, body: { url: 'https://x.example/y', timeoutMs: 10 } }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/customers', key: 'sk_live_nope' }), 401, 'INVALID_API_KEY');
  });

  function ended(orgId: string, e: { callId?: string; number: string; direction?: 'inbound' | 'outbound'; talkSeconds?: number }): DialerCallEndedV1 {
    const inbound = e.direction === 'inbound';
    return {
      organizationId: orgId, callId: e.callId ?? randomUUID(), attempt: 1, direction: inbound ? 'inbound' : 'outbound', kind: inbound ? 'inbound' : 'single', state: 'ended',
      ...(inbound ? { from: e.number, to: '+902125550000' } : { from: '+902125550000', to: e.number }),
      endReason: { status: 'ended', reason: 'completed', fault: 'none', billable: true },
      talkSeconds: e.talkSeconds ?? 30, waitSeconds: 5, totalSeconds: (e.talkSeconds ?? 30) + 5, forwardedSeconds: 0,
    } as DialerCallEndedV1;
  }

  it("keeps the number's last calls from dialer.call.ended.v1 (both directions): duplicated and out-of-order events give one row per call, newest first", async () => {
    const a = await org();
    await create(a, { name: 'Arayan', phones: ['0555 777 66 05'] });
    const t = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const oldest = ended(a.id, { number: '+905557776605', direction: 'inbound', talkSeconds: 10 });
    const middle = ended(a.id, { number: '+905557776605', talkSeconds: 20 });
    const newest = ended(a.id, { number: '+905557776605', direction: 'inbound', talkSeconds: 40 });
    const other = ended(a.id, { number: '+905550000005' });
    // Arrival order: newest, then oldest, then middle; the newest again (same envelope) and once more under a new event id.
    const first = await publish(Subjects.Dialer.CallEnded, newest, { time: t(1) });
    await publish(Subjects.Dialer.CallEnded, oldest, { time: t(30) });
    await publish(Subjects.Dialer.CallEnded, middle, { time: t(10) });
    await publish(Subjects.Dialer.CallEnded, newest, { envelope: first });
    await publish(Subjects.Dialer.CallEnded, newest, { time: t(0) });
    await publish(Subjects.Dialer.CallEnded, other, { time: t(2) });
    await waitFor(async () => (await count('customer_calls', a.id)) === 4, 15_000, 'four calls recorded');
    const card = await lookup(a, '0555 777 66 05');
    expect(card.lastCalls.map((c) => [c.callId, c.direction, c.talkSeconds])).toEqual([
      [newest.callId, 'inbound', 40],
      [middle.callId, 'outbound', 20],
      [oldest.callId, 'inbound', 10],
    ]);
    expect(card.lastCalls[0]!.endedAt).toBe(first.time);
    const stranger = await lookup(a, '+905550000005');
    expect(stranger).toMatchObject({ matched: false, lastCalls: [{ callId: other.callId, reason: 'completed' }] });
    const b = await org();
    expect((await lookup(b, '0555 777 66 05')).lastCalls).toEqual([]);
  });

  it('publishes ticketing.customer.matched.v1 once per inbound call (a repeated fact, even under a new event id, pops no second card)', async () => {
    const a = await org();
    const c = await create(a, { name: 'Tanıdık', notes: 'Önemli müşteri', phones: ['0555 888 99 05'] });
    const fact = (callId: string, from: string | undefined, rawFrom: string): TelephonyInboundReceivedV1 => ({
      organizationId: a.id, callId, providerAccountId: randomUUID(), provider: 'simulator', providerCallId: `p-${callId}`, ...(from ? { from } : {}), rawFrom, to: '+902125550000',
    });
    const known = fact(randomUUID(), '+905558889905', '905558889905');
    const unknown = fact(randomUUID(), undefined, '0532 111 22 05');
    const withheld = fact(randomUUID(), undefined, 'anonymous');
    const env = await publish(Subjects.Telephony.InboundReceived, known);
    await publish(Subjects.Telephony.InboundReceived, known, { envelope: env });
    await publish(Subjects.Telephony.InboundReceived, known);
    await publish(Subjects.Telephony.InboundReceived, withheld);
    await publish(Subjects.Telephony.InboundReceived, unknown);
    await publish(Subjects.Telephony.InboundReceived, unknown);
    await waitFor(async () => (await count('customer_matches', a.id)) === 3, 15_000, 'three inbound calls matched');
    const events = (await ticketing.db.dataSource.query(
      `SELECT envelope->>'subject' AS call_id, envelope->'data' AS data FROM outbox WHERE envelope->>'type' = $1 AND envelope->>'orgid' = $2 ORDER BY seq`,
      [Subjects.Ticketing.CustomerMatched, a.id],
    )) as Array<{ call_id: string; data: Record<string, unknown> }>;
    expect(events).toHaveLength(2);
    expect(events).toEqual(expect.arrayContaining([
      { call_id: known.callId, data: { organizationId: a.id, callId: known.callId, phone: '+905558889905', matched: true, operatorUserIds: [], customer: { customerId: c.customerId, name: 'Tanıdık', phones: ['+905558889905'], openTicketCount: 0, notes: 'Önemli müşteri' } } },
      { call_id: unknown.callId, data: { organizationId: a.id, callId: unknown.callId, phone: '+905321112205', matched: false, operatorUserIds: [] } },
    ]));
  });
});
