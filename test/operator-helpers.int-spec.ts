import { randomUUID } from 'node:crypto';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startTicketingBeside, type TicketingBeside } from './support/ticketing-beside';
import { organizationKnownTo, type RoleOrg } from './support/beside';

jest.setTimeout(120_000);

// K9 operator helpers end to end: the real api-gateway (auth, roles, validation, problem+json) asks the
// real ticketing service over NATS. The quality sample reads ticketing's call tracks; the test writes
// those tracks as ticketing's fold leaves them (the fold itself is tested by the tickets suites).
const MISSING = '0190ffff-0000-7000-8000-000000000000';

type Org = RoleOrg;
interface Template {
  templateId: string;
  name: string;
  body: string;
  category?: string;
  tags: string[];
  subject?: string;
}
interface Sample {
  from: string;
  to: string;
  perOperator: number;
  operators: Array<{ operatorUserId: string; callCount: number; calls: Array<{ callId: string; ticketId?: string; startedAt: string; endedAt: string; talkSeconds: number; recordingUrl?: string }> }>;
}

describe('operator helpers: api-gateway HTTP → NATS request/reply → ticketing service', () => {
  let gw: Gateway;
  let tk: TicketingBeside;

  beforeAll(async () => {
    gw = await startGateway('gw_helpers', { RPC_TIMEOUT_MS: '5000' });
    tk = await startTicketingBeside(gw, 'tk_helpers');
  });

  afterAll(async () => {
    await tk?.close();
    await gw?.close();
  });

  const org = (): Promise<Org> => organizationKnownTo(gw, tk);

  const create = async (o: Org, body: Record<string, unknown>, key = o.key) => {
    const res = await gw.request({ method: 'POST', url: '/v1/note-templates', key, body });
    expect(res.statusCode).toBe(201);
    return res.json<Template>();
  };

  describe('note templates', () => {
    it('admin and supervisor write, every role reads; the list is by name and filters by category', async () => {
      const o = await org();
      const a = await create(o, { name: 'Teslimat günü değişti', body: 'Yeni teslim günü: ', category: 'teslimat', tags: ['teslimat', 'teslimat', ' gün '], subject: 'Teslimat günü' });
      expect(a).toMatchObject({ name: 'Teslimat günü değişti', body: 'Yeni teslim günü: ', category: 'teslimat', tags: ['teslimat', 'gün'], subject: 'Teslimat günü' });
      expect(a).not.toHaveProperty('organizationId');
      const b = await create(o, { name: 'Ek hizmet onaylandı', body: 'Müşteri ek hizmeti onayladı.' }, o.supervisor);
      const list = await gw.request({ method: 'GET', url: '/v1/note-templates', key: o.operator });
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: Template[] }>().items.map((t) => t.templateId)).toEqual([b.templateId, a.templateId]);
      const byCategory = await gw.request({ method: 'GET', url: '/v1/note-templates?category=TESLIMAT', key: o.operator });
      expect(byCategory.json<{ items: Template[] }>().items.map((t) => t.templateId)).toEqual([a.templateId]);
      const one = await gw.request({ method: 'GET', url: `/v1/note-templates/${a.templateId}`, key: o.operator });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual(a);

      const patched = await gw.request({ method: 'PATCH', url: `/v1/note-templates/${a.templateId}`, key: o.supervisor, body: { body: 'Teslim günü değişti.', category: null } });
      expect(patched.statusCode).toBe(200);
      expect(patched.json<Template>()).toMatchObject({ name: a.name, body: 'Teslim günü değişti.', tags: ['teslimat', 'gün'] });
      expect(patched.json<Template>().category).toBeUndefined();

      const removed = await gw.request({ method: 'DELETE', url: `/v1/note-templates/${b.templateId}`, key: o.key });
      expect(removed.statusCode).toBe(200);
      expectProblem(await gw.request({ method: 'GET', url: `/v1/note-templates/${b.templateId}`, key: o.key }), 404, 'NOTE_TEMPLATE_NOT_FOUND');
      expectProblem(await gw.request({ method: 'DELETE', url: `/v1/note-templates/${b.templateId}`, key: o.key }), 404, 'NOTE_TEMPLATE_NOT_FOUND');
    });

    it('an operator may not write (403) and nothing is stored', async () => {
      const o = await org();
      const t = await create(o, { name: 'Geri aranacak', body: 'Müşteri geri aranacak.' });
      expectProblem(await gw.request({ method: 'POST', url: '/v1/note-templates', key: o.operator, body: { name: 'X', body: 'Y' } }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'PATCH', url: `/v1/note-templates/${t.templateId}`, key: o.operator, body: { body: 'Y' } }), 403, 'FORBIDDEN');
      expectProblem(await gw.request({ method: 'DELETE', url: `/v1/note-templates/${t.templateId}`, key: o.operator }), 403, 'FORBIDDEN');
      const list = await gw.request({ method: 'GET', url: '/v1/note-templates', key: o.key });
      expect(list.json<{ items: Template[] }>().items).toEqual([t]);
    });

    it("another organization's template is 404 on GET, PATCH and DELETE, and not in its list", async () => {
      const [mine, other] = [await org(), await org()];
      const t = await create(mine, { name: 'Şikayet', body: 'Müşteri şikayetçi.' });
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
        expectProblem(await gw.request({ method, url: `/v1/note-templates/${t.templateId}`, key: other.key, ...(method === 'PATCH' ? { body: { body: 'x' } } : {}) }), 404, 'NOTE_TEMPLATE_NOT_FOUND');
      }
      expectProblem(await gw.request({ method: 'GET', url: `/v1/note-templates/${MISSING}`, key: mine.key }), 404, 'NOTE_TEMPLATE_NOT_FOUND');
      expect((await gw.request({ method: 'GET', url: '/v1/note-templates', key: other.key })).json<{ items: Template[] }>().items).toEqual([]);
      expect((await gw.request({ method: 'GET', url: `/v1/note-templates/${t.templateId}`, key: mine.key })).json<Template>().body).toBe('Müşteri şikayetçi.');
    });

    it('a name in use (any case) is 409 on create and on rename; another organization may use it', async () => {
      const [o, other] = [await org(), await org()];
      await create(o, { name: 'İade', body: 'İade istendi.' });
      const second = await create(o, { name: 'Değişim', body: 'Değişim istendi.' });
      expectProblem(await gw.request({ method: 'POST', url: '/v1/note-templates', key: o.key, body: { name: 'İADE', body: 'x' } }), 409, 'NOTE_TEMPLATE_NAME_TAKEN');
      expectProblem(await gw.request({ method: 'PATCH', url: `/v1/note-templates/${second.templateId}`, key: o.key, body: { name: 'İade' } }), 409, 'NOTE_TEMPLATE_NAME_TAKEN');
      await create(other, { name: 'İade', body: 'İade istendi.' });
      expect((await gw.request({ method: 'GET', url: '/v1/note-templates', key: o.key })).json<{ items: Template[] }>().items).toHaveLength(2);
    });

    it('bad input is 422 naming the field; the same Idempotency-Key answers the first result', async () => {
      const o = await org();
      const tooLong = await gw.request({ method: 'POST', url: '/v1/note-templates', key: o.key, body: { name: 'Uzun', body: 'x'.repeat(2001) } });
      expectProblem(tooLong, 422, 'VALIDATION_FAILED');
      expect(JSON.stringify(tooLong.json())).toContain('body');
      const noName = await gw.request({ method: 'POST', url: '/v1/note-templates', key: o.key, body: { body: 'x' } });
      expectProblem(noName, 422, 'VALIDATION_FAILED');
      expect(JSON.stringify(noName.json())).toContain('name');
      const blank = await gw.request({ method: 'POST', url: '/v1/note-templates', key: o.key, body: { name: '   ', body: 'x' } });
      expectProblem(blank, 422, 'VALIDATION_FAILED');
      const headers = { 'idempotency-key': randomUUID() };
      const first = await gw.request({ method: 'POST', url: '/v1/note-templates', key: o.key, headers, body: { name: 'Bir kez', body: 'x' } });
      const again = await gw.request({ method: 'POST', url: '/v1/note-templates', key: o.key, headers, body: { name: 'Bir kez', body: 'x' } });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.json<Template>().templateId).toBe(first.json<Template>().templateId);
    });
  });

  describe('quality samples', () => {
    const FROM = '2026-11-10T00:00:00.000Z';
    const TO = '2026-11-11T00:00:00.000Z';

    /** A call track as ticketing's fold leaves it: answered by `operators`, ended at `endedAt`. */
    async function seedCall(orgId: string, operators: string[], endedAt: string, extra: Record<string, unknown> = {}): Promise<string> {
      const callId = randomUUID();
      const answers = operators.map((userId, i) => ({ providerEmployeeId: String(4000 + i), userId, at: new Date(Date.parse(endedAt) - 60_000).toISOString() }));
      const track = { seen: true, direction: 'inbound', number: '+905551230000', answers, ended: { at: endedAt, talkSeconds: 50, isLost: false }, drafts: {}, done: [], ...extra };
      await tk.db.dataSource.query(`INSERT INTO ticket_call_tracks (organization_id, call_id, track, updated_at) VALUES ($1, $2, $3::jsonb, now())`, [orgId, callId, JSON.stringify(track)]);
      return callId;
    }
    const sample = async (o: Org, query: string, key = o.key) => {
      const res = await gw.request({ method: 'GET', url: `/v1/quality-samples${query}`, key });
      expect(res.statusCode).toBe(200);
      return res.json<Sample>();
    };

    it('N calls per operator, the same sample twice, only answered calls ended in the period of this organization', async () => {
      const [o, other] = [await org(), await org()];
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      const inPeriod = (i: number) => new Date(Date.parse(FROM) + (i + 1) * 600_000).toISOString();
      const aCalls: string[] = [];
      for (let i = 0; i < 8; i += 1) aCalls.push(await seedCall(o.id, [a], inPeriod(i)));
      const bCalls = [await seedCall(o.id, [b], inPeriod(20), { recording: { url: 'https://rec.example/1.mp3', durationSeconds: 50 } })];
      await seedCall(o.id, [a], '2026-11-11T00:00:00.000Z'); // `to` is excluded
      await seedCall(o.id, [a], '2026-11-09T23:59:59.999Z');
      await seedCall(o.id, [], inPeriod(30)); // nobody answered
      await seedCall(o.id, [c], inPeriod(31), { ended: undefined }); // not ended
      await seedCall(other.id, [a], inPeriod(32)); // another organization's

      // b's conversation has its ticket (as the tickets' settlement links it: one row per call and operator).
      const ticketId = randomUUID();
      await tk.db.dataSource.query(
        `INSERT INTO tickets (organization_id, id, kind, status, handset, subject, created_at, updated_at) VALUES ($1, $2, 'inbound_call', 'pending', 'none', 'Teslimat', now(), now())`,
        [o.id, ticketId],
      );
      await tk.db.dataSource.query(`INSERT INTO ticket_calls (organization_id, call_id, operator_key, ticket_id, role, created_at) VALUES ($1, $2, $3, $4, 'conversation', now())`, [o.id, bCalls[0], b, ticketId]);

      const query = `?from=${FROM}&to=${TO}&perOperator=3`;
      const first = await sample(o, query);
      expect(first).toMatchObject({ from: FROM, to: TO, perOperator: 3 });
      expect(first.operators.map((x) => x.operatorUserId).sort()).toEqual([a, b].sort());
      const ofA = first.operators.find((x) => x.operatorUserId === a)!;
      expect(ofA.callCount).toBe(8);
      expect(ofA.calls).toHaveLength(3);
      for (const call of ofA.calls) expect(aCalls).toContain(call.callId);
      expect(ofA.calls.every((x) => x.ticketId === undefined)).toBe(true);
      const ofB = first.operators.find((x) => x.operatorUserId === b)!;
      expect(ofB.calls).toEqual([expect.objectContaining({ callId: bCalls[0], ticketId, talkSeconds: 50, recordingUrl: 'https://rec.example/1.mp3', endedAt: inPeriod(20) })]);
      expect(await sample(o, query, o.supervisor)).toEqual(first);

      const all = await sample(o, `?from=${FROM}&to=${TO}&perOperator=50`);
      expect(all.operators.find((x) => x.operatorUserId === a)!.calls.map((x) => x.callId).sort()).toEqual([...aCalls].sort());
      expect((await sample(other, `?from=${FROM}&to=${TO}`)).operators).toEqual([expect.objectContaining({ operatorUserId: a, callCount: 1 })]);
    });

    it('without from/to: the previous full day in the organization\'s time zone', async () => {
      const o = await org();
      const s = await sample(o, '');
      expect(s.perOperator).toBe(3);
      expect(Date.parse(s.to) - Date.parse(s.from)).toBeGreaterThanOrEqual(23 * 3_600_000);
      expect(Date.parse(s.to) - Date.parse(s.from)).toBeLessThanOrEqual(25 * 3_600_000);
      expect(Date.parse(s.to)).toBeLessThanOrEqual(Date.now());
      expect(Date.now() - Date.parse(s.to)).toBeLessThan(25 * 3_600_000);
    });

    it('an operator may not ask (403); bad input is 422 naming the field', async () => {
      const o = await org();
      expectProblem(await gw.request({ method: 'GET', url: '/v1/quality-samples', key: o.operator }), 403, 'FORBIDDEN');
      const big = await gw.request({ method: 'GET', url: `/v1/quality-samples?perOperator=51`, key: o.key });
      expectProblem(big, 422, 'VALIDATION_FAILED');
      expect(JSON.stringify(big.json())).toContain('perOperator');
      const half = await gw.request({ method: 'GET', url: `/v1/quality-samples?from=${FROM}`, key: o.key });
      expectProblem(half, 422, 'VALIDATION_FAILED');
      expect(JSON.stringify(half.json())).toContain('"to"');
      const backwards = await gw.request({ method: 'GET', url: `/v1/quality-samples?from=${TO}&to=${FROM}`, key: o.key });
      expectProblem(backwards, 422, 'VALIDATION_FAILED');
      const long = await gw.request({ method: 'GET', url: `/v1/quality-samples?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`, key: o.key });
      expectProblem(long, 422, 'VALIDATION_FAILED');
    });
  });
});
