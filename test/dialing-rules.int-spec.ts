import { asOrgId } from '@santral/persistence';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { DncStore } from '../apps/dialer-orchestrator/src/dnc/dnc.store';
import { HotlineCheck } from '../apps/dialer-orchestrator/src/hotlines/hotline.check';
import { PresenceCheck } from '../apps/dialer-orchestrator/src/presence/presence.check';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { organizationKnownTo, type RoleOrg } from './support/beside';

// /v1/dnc, /v1/hotlines and PUT /v1/users/{id}/presence end to end: the real api-gateway (auth,
// roles, validation, problem+json, idempotency) asks the real dialer-orchestrator over NATS; the
// dialer reads numbers with the organization's default country, which it learns from the
// gateway's organization events (outbox → JetStream), so each test waits for that first.
const MISSING = '0190ffff-0000-7000-8000-000000000000';
const CALL = '0190e000-0000-7000-8000-000000000001';

type Org = RoleOrg;

describe('dialling rules: api-gateway HTTP → NATS request/reply → dialer-orchestrator', () => {
  let gw: Gateway;
  let dialer: DialerBeside;

  beforeAll(async () => {
    gw = await startGateway('gw_rules', { RPC_TIMEOUT_MS: '5000' });
    dialer = await startDialerBeside(gw, 'dlr_rules');
  });

  afterAll(async () => {
    await dialer?.close();
    await gw?.close();
  });

  const org = (): Promise<Org> => organizationKnownTo(gw, dialer);

  const rows = (sql: string, params: unknown[] = []) => dialer.db.dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field);

  describe('/v1/dnc', () => {
    const add = (key: string, body: unknown, headers?: Record<string, string>) => gw.request({ method: 'POST', url: '/v1/dnc', key, body, headers });

    it('stores the good numbers of a bulk in E.164 and reports the bad ones by index with their code; nothing is stored for those', async () => {
      const a = await org();
      const res = await add(a.key, { numbers: ['0555 123 45 67', 'not a number', '+44 20 7946 0958', '0555 12', '+90 532 000 00 01'], reason: 'asked' });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ added: number; alreadyListed: number; entries: Array<{ index: number; number: string; added: boolean }>; rejected: Array<{ index: number; code: string }> }>();
      expect(body).toMatchObject({ added: 3, alreadyListed: 0 });
      expect(body.entries.map((e) => [e.index, e.number, e.added])).toEqual([[0, '+905551234567', true], [2, '+442079460958', true], [4, '+905320000001', true]]);
      expect(body.rejected).toEqual([
        { index: 1, code: 'NOT_A_NUMBER', reason: expect.stringMatching(/^Invalid phone number format: /) },
        { index: 3, code: 'TOO_SHORT', reason: expect.stringMatching(/too short/) },
      ]);
      const stored = await rows('SELECT number, reason, organization_id FROM dnc_entries WHERE organization_id = $1 ORDER BY number', [a.id]);
      expect(stored).toEqual([
        { number: '+442079460958', reason: 'asked', organization_id: a.id },
        { number: '+905320000001', reason: 'asked', organization_id: a.id },
        { number: '+905551234567', reason: 'asked', organization_id: a.id },
      ]);
    });

    it('matches a listed number whatever its input form (+90, 0, spaces, dashes, 00): adding it again adds nothing, ?number= finds it, isOnDnc says yes', async () => {
      const a = await org();
      const first = (await add(a.key, { numbers: ['+90 555 765 43 21'] })).json<{ entries: Array<{ id: string }> }>().entries[0]!.id;
      const forms = ['05557654321', '0555 765 43 21', '+905557654321', '90-555-765-43-21', '0090 555 765 4321', '(0555) 765 43 21'];
      const again = (await add(a.key, { numbers: forms })).json<{ added: number; alreadyListed: number; entries: Array<{ id: string; added: boolean }> }>();
      expect(again).toMatchObject({ added: 0, alreadyListed: forms.length });
      expect(new Set(again.entries.map((e) => e.id))).toEqual(new Set([first]));
      for (const form of forms) {
        const res = await gw.request({ method: 'GET', url: `/v1/dnc?number=${encodeURIComponent(form)}`, key: a.supervisor });
        expect(res.statusCode).toBe(200);
        expect(res.json<{ items: Array<{ id: string; number: string }> }>().items).toEqual([expect.objectContaining({ id: first, number: '+905557654321' })]);
      }
      await expect(rows('SELECT count(*)::int AS n FROM dnc_entries WHERE organization_id = $1', [a.id])).resolves.toEqual([{ n: 1 }]);
      const store = dialer.app.get(DncStore);
      await expect(store.isOnDnc(asOrgId(a.id), '+905557654321')).resolves.toBe(true);
      await expect(store.isOnDnc(asOrgId(a.id), '+905557654320')).resolves.toBe(false);
    });

    it("lists newest first a page at a time; another organization's key sees none of it, and cannot find or delete its entries (404)", async () => {
      const a = await org();
      const b = await org();
      await add(a.key, { numbers: ['05320000001'] });
      await add(a.key, { numbers: ['05320000002'] });
      const p1 = (await gw.request({ method: 'GET', url: '/v1/dnc?limit=1', key: a.key })).json<{ items: Array<{ id: string; number: string }>; nextCursor: string }>();
      expect(p1.items.map((e) => e.number)).toEqual(['+905320000002']);
      const p2 = (await gw.request({ method: 'GET', url: `/v1/dnc?limit=1&cursor=${p1.nextCursor}`, key: a.key })).json<{ items: Array<{ id: string; number: string }>; nextCursor: string | null }>();
      expect(p2.items.map((e) => e.number)).toEqual(['+905320000001']);
      expect(p2.nextCursor).toBeNull();

      await expect(gw.request({ method: 'GET', url: '/v1/dnc', key: b.key }).then((r) => r.json())).resolves.toEqual({ items: [], nextCursor: null });
      await expect(gw.request({ method: 'GET', url: '/v1/dnc?number=05320000001', key: b.key }).then((r) => r.json())).resolves.toEqual({ items: [], nextCursor: null });
      expectProblem(await gw.request({ method: 'DELETE', url: `/v1/dnc/${p1.items[0]!.id}`, key: b.key }), 404, 'NOT_FOUND');
      await expect(dialer.app.get(DncStore).isOnDnc(asOrgId(b.id), '+905320000001')).resolves.toBe(false);

      expect((await gw.request({ method: 'DELETE', url: `/v1/dnc/${p1.items[0]!.id}`, key: a.supervisor })).statusCode).toBe(204);
      expectProblem(await gw.request({ method: 'DELETE', url: `/v1/dnc/${p1.items[0]!.id}`, key: a.key }), 404, 'NOT_FOUND');
      expectProblem(await gw.request({ method: 'DELETE', url: `/v1/dnc/${MISSING}`, key: a.key }), 404, 'NOT_FOUND');
      await expect(dialer.app.get(DncStore).isOnDnc(asOrgId(a.id), '+905320000002')).resolves.toBe(false);
    });

    it('is closed to operator keys (403) and open to supervisors', async () => {
      const a = await org();
      expectProblem(await add(a.operator, { numbers: ['05551234567'] }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'GET', url: '/v1/dnc', key: a.operator }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'DELETE', url: `/v1/dnc/${MISSING}`, key: a.operator }), 403, 'FORBIDDEN');
      await expect(rows('SELECT count(*)::int AS n FROM dnc_entries WHERE organization_id = $1', [a.id])).resolves.toEqual([{ n: 0 }]);
      expect((await add(a.supervisor, { numbers: ['05551234567'] })).statusCode).toBe(200);
    });

    it('answers bad input with 422 naming the field, and writes nothing', async () => {
      const a = await org();
      const before = await rows('SELECT count(*)::int AS n FROM dnc_entries');
      expect(fieldsOf(expectProblem(await add(a.key, {}), 422, 'VALIDATION_FAILED'))).toContain('numbers');
      expect(fieldsOf(expectProblem(await add(a.key, { numbers: [] }), 422, 'VALIDATION_FAILED'))).toContain('numbers');
      expect(fieldsOf(expectProblem(await add(a.key, { numbers: [5] }), 422, 'VALIDATION_FAILED'))).toContain('numbers');
      expect(fieldsOf(expectProblem(await add(a.key, { numbers: ['1'.repeat(65)] }), 422, 'VALIDATION_FAILED'))).toContain('numbers');
      expect(fieldsOf(expectProblem(await add(a.key, { numbers: Array(5001).fill('05551234567') }), 422, 'VALIDATION_FAILED'))).toContain('numbers');
      expect(fieldsOf(expectProblem(await add(a.key, { numbers: ['05551234567'], reason: '' }), 422, 'VALIDATION_FAILED'))).toContain('reason');
      expect(fieldsOf(expectProblem(await add(a.key, { numbers: ['05551234567'], organizationId: MISSING }), 422, 'VALIDATION_FAILED'))).toContain('organizationId');
      expect(fieldsOf(expectProblem(await gw.request({ method: 'GET', url: '/v1/dnc?number=abc', key: a.key }), 422, 'NOT_A_NUMBER'))).toEqual(['number']);
      expectProblem(await gw.request({ method: 'DELETE', url: '/v1/dnc/not-a-uuid', key: a.key }), 422, 'VALIDATION_FAILED');
      await expect(rows('SELECT count(*)::int AS n FROM dnc_entries')).resolves.toEqual(before);
    });

    it('takes the largest bulk (5,000) even when every number is bad: the reply with 5,000 reasons fits one NATS message', async () => {
      const a = await org();
      const res = await add(a.key, { numbers: Array.from({ length: 5000 }, (_, i) => `no number ${i}`) });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ added: number; rejected: unknown[] }>();
      expect(body.added).toBe(0);
      expect(body.rejected).toHaveLength(5000);
      const good = await add(a.key, { numbers: Array.from({ length: 5000 }, (_, i) => `0532 ${String(1_000_000 + i)}`) });
      expect(good.json<{ added: number }>().added).toBe(5000);
    });

    it('replays a bulk with the same Idempotency-Key (the first answer, nothing stored twice)', async () => {
      const a = await org();
      const headers = { 'idempotency-key': 'dnc-bulk-1' };
      const first = await add(a.key, { numbers: ['05551112233'] }, headers);
      const again = await add(a.key, { numbers: ['05551112233'] }, headers);
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      expect(first.json<{ added: number }>().added).toBe(1);
    });
  });

  describe('/v1/hotlines', () => {
    const create = (key: string, body: unknown, headers?: Record<string, string>) => gw.request({ method: 'POST', url: '/v1/hotlines', key, body, headers });

    it('creates, reads, lists and patches a caller number; the pre-dial check follows it', async () => {
      const a = await org();
      const res = await create(a.supervisor, { number: '0212 555 12 12', label: 'Istanbul', allowedGroups: ['sales'] });
      expect(res.statusCode).toBe(201);
      const h = res.json<{ id: string; number: string }>();
      expect(h).toEqual({ id: expect.any(String), number: '+902125551212', label: 'Istanbul', outboundAllowed: true, allowedGroups: ['sales'], createdAt: expect.any(String), updatedAt: expect.any(String) });
      await expect(gw.request({ method: 'GET', url: `/v1/hotlines/${h.id}`, key: a.key }).then((r) => r.json())).resolves.toEqual(h);
      await expect(gw.request({ method: 'GET', url: '/v1/hotlines', key: a.key }).then((r) => r.json())).resolves.toEqual({ items: [h], nextCursor: null });

      const check = dialer.app.get(HotlineCheck);
      const orgId = asOrgId(a.id);
      await expect(check.assertMayCallFrom(orgId, '+902125551212', ['sales'])).resolves.toMatchObject({ id: h.id });
      await expect(check.assertMayCallFrom(orgId, '+902125551212', ['support'])).rejects.toMatchObject({ code: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT' });
      await expect(check.assertMayCallFrom(orgId, '+902125559999', ['sales'])).rejects.toMatchObject({ code: 'FROM_NUMBER_NOT_FOUND' });

      const patched = await gw.request({ method: 'PATCH', url: `/v1/hotlines/${h.id}`, key: a.key, body: { outboundAllowed: false, allowedGroups: [] } });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ number: '+902125551212', label: 'Istanbul', outboundAllowed: false, allowedGroups: [] });
      await expect(check.assertMayCallFrom(orgId, '+902125551212', ['sales'])).rejects.toMatchObject({ code: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT' });
    });

    it('refuses a number the organization already has, in any form (409); another organization may have it', async () => {
      const a = await org();
      const b = await org();
      expect((await create(a.key, { number: '+902125551213', label: 'one' })).statusCode).toBe(201);
      expectProblem(await create(a.key, { number: '0212 555 12 13', label: 'two' }), 409, 'CONFLICT');
      expect((await create(b.key, { number: '0212 555 12 13', label: 'theirs' })).statusCode).toBe(201);
    });

    it("hides another organization's hotlines: 404 on read and patch, an empty list", async () => {
      const a = await org();
      const b = await org();
      const h = (await create(a.key, { number: '+902125551214', label: 'mine' })).json<{ id: string }>();
      expectProblem(await gw.request({ method: 'GET', url: `/v1/hotlines/${h.id}`, key: b.key }), 404, 'NOT_FOUND');
      expectProblem(await gw.request({ method: 'PATCH', url: `/v1/hotlines/${h.id}`, key: b.key, body: { label: 'stolen' } }), 404, 'NOT_FOUND');
      await expect(gw.request({ method: 'GET', url: '/v1/hotlines', key: b.key }).then((r) => r.json())).resolves.toEqual({ items: [], nextCursor: null });
      await expect(rows('SELECT label FROM hotlines WHERE id = $1', [h.id])).resolves.toEqual([{ label: 'mine' }]);
    });

    it('is closed to operator keys (403) on every route', async () => {
      const a = await org();
      const h = (await create(a.key, { number: '+902125551215', label: 'x' })).json<{ id: string }>();
      expectProblem(await create(a.operator, { number: '+902125551216', label: 'y' }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'GET', url: '/v1/hotlines', key: a.operator }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'GET', url: `/v1/hotlines/${h.id}`, key: a.operator }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'PATCH', url: `/v1/hotlines/${h.id}`, key: a.operator, body: { label: 'z' } }), 403, 'FORBIDDEN');
      await expect(rows('SELECT count(*)::int AS n FROM hotlines WHERE organization_id = $1', [a.id])).resolves.toEqual([{ n: 1 }]);
    });

    it('answers bad input with 422 naming the field, and writes nothing', async () => {
      const a = await org();
      const h = (await create(a.key, { number: '+902125551217', label: 'x' })).json<{ id: string }>();
      const before = await rows('SELECT count(*)::int AS n FROM hotlines');
      expect(fieldsOf(expectProblem(await create(a.key, { label: 'no number' }), 422, 'VALIDATION_FAILED'))).toContain('number');
      expect(fieldsOf(expectProblem(await create(a.key, { number: '12', label: 'short' }), 422, 'TOO_SHORT'))).toEqual(['number']);
      expect(fieldsOf(expectProblem(await create(a.key, { number: '+902125551218', label: 'x', allowedGroups: [1] }), 422, 'VALIDATION_FAILED'))).toContain('allowedGroups');
      expect(fieldsOf(expectProblem(await create(a.key, { number: '+902125551218', label: 'x', allowedGroups: ['a', 'a'] }), 422, 'VALIDATION_FAILED'))).toContain('allowedGroups');
      expect(fieldsOf(expectProblem(await create(a.key, { number: '+902125551218', label: 'x', outboundAllowed: 'yes' }), 422, 'VALIDATION_FAILED'))).toContain('outboundAllowed');
      expectProblem(await gw.request({ method: 'PATCH', url: `/v1/hotlines/${h.id}`, key: a.key, body: {} }), 422, 'VALIDATION_FAILED');
      expect(fieldsOf(expectProblem(await gw.request({ method: 'PATCH', url: `/v1/hotlines/${h.id}`, key: a.key, body: { number: '+902125551219' } }), 422, 'VALIDATION_FAILED'))).toContain('number');
      await expect(rows('SELECT count(*)::int AS n FROM hotlines')).resolves.toEqual(before);
    });

    it('replays a create with the same Idempotency-Key', async () => {
      const a = await org();
      const headers = { 'idempotency-key': 'hotline-1' };
      const first = await create(a.key, { number: '+902125551220', label: 'once' }, headers);
      const again = await create(a.key, { number: '+902125551220', label: 'once' }, headers);
      expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
      expect(again.json()).toEqual(first.json());
    });
  });

  describe('PUT /v1/users/{id}/presence', () => {
    async function userOf(o: Org): Promise<string> {
      const res = await gw.request({ method: 'POST', url: '/v1/users', key: o.key, body: { name: 'Ayşe', email: `ayse-${Math.random()}@example.com`, role: 'operator' } });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>().id;
    }
    const put = (key: string, userId: string, body: unknown) => gw.request({ method: 'PUT', url: `/v1/users/${userId}/presence`, key, body });

    it("stores a user's presence in the dialer, and the pre-dial operator check follows it", async () => {
      const a = await org();
      const user = await userOf(a);
      const check = dialer.app.get(PresenceCheck);
      await expect(check.assertOperatorFree(asOrgId(a.id), user)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });

      const res = await put(a.supervisor, user, { status: 'available' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ userId: user, status: 'available', currentCallId: null, endpoint: null, updatedAt: expect.any(String) });
      await expect(check.assertOperatorFree(asOrgId(a.id), user)).resolves.toBeUndefined();

      expect((await put(a.key, user, { status: 'busy', currentCallId: CALL })).json()).toMatchObject({ status: 'busy', currentCallId: CALL });
      await expect(rows('SELECT status, current_call_id FROM operator_presence WHERE organization_id = $1 AND user_id = $2', [a.id, user])).resolves.toEqual([{ status: 'busy', current_call_id: CALL }]);
      await expect(check.assertOperatorFree(asOrgId(a.id), user)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });
      await expect(check.assertOperatorFree(asOrgId(a.id), user, CALL)).resolves.toBeUndefined();

      // The endpoint a click-to-call rings first (E6) is kept until it is set again.
      expect((await put(a.key, user, { status: 'available', endpoint: 'sip:ayse@pbx.example.com' })).json()).toMatchObject({ status: 'available', endpoint: 'sip:ayse@pbx.example.com' });
      expect((await put(a.key, user, { status: 'offline' })).json()).toMatchObject({ status: 'offline', endpoint: 'sip:ayse@pbx.example.com' });
      expect((await put(a.key, user, { status: 'available', endpoint: '+905551234567' })).json()).toMatchObject({ endpoint: '+905551234567' });
    });

    it("is 404 for another organization's user or an unknown id, 403 for an operator key, and stores nothing then", async () => {
      const a = await org();
      const b = await org();
      const theirs = await userOf(b);
      const mine = await userOf(a);
      expectProblem(await put(a.key, theirs, { status: 'available' }), 404, 'NOT_FOUND');
      expectProblem(await put(a.key, MISSING, { status: 'available' }), 404, 'NOT_FOUND');
      expectProblem(await put(a.operator, mine, { status: 'available' }), 403, 'FORBIDDEN');
      await expect(rows('SELECT count(*)::int AS n FROM operator_presence WHERE user_id = ANY($1::uuid[])', [[theirs, mine, MISSING]])).resolves.toEqual([{ n: 0 }]);
    });

    it('answers bad input with 422 naming the field', async () => {
      const a = await org();
      const user = await userOf(a);
      expect(fieldsOf(expectProblem(await put(a.key, user, { status: 'away' }), 422, 'VALIDATION_FAILED'))).toEqual(['status']);
      expect(fieldsOf(expectProblem(await put(a.key, user, { status: 'busy', currentCallId: 'x' }), 422, 'VALIDATION_FAILED'))).toEqual(['currentCallId']);
      expect(fieldsOf(expectProblem(await put(a.key, user, { status: 'available', currentCallId: CALL }), 422, 'VALIDATION_FAILED'))).toEqual(['currentCallId']);
      expect(fieldsOf(expectProblem(await put(a.key, user, { status: 'available', endpoint: '0555 123 45 67' }), 422, 'VALIDATION_FAILED'))).toEqual(['endpoint']);
      expect(fieldsOf(expectProblem(await put(a.key, user, { status: 'available', endpoint: 'sip:nohost' }), 422, 'VALIDATION_FAILED'))).toEqual(['endpoint']);
      expectProblem(await put(a.key, 'nope', { status: 'available' }), 422, 'VALIDATION_FAILED');
      await expect(rows('SELECT count(*)::int AS n FROM operator_presence WHERE user_id = $1', [user])).resolves.toEqual([{ n: 0 }]);
    });
  });
});
