import { TransactionRunner, asOrgId } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { TicketBook } from '../apps/ticketing/src/tickets/ticket-book';
import { startTicketingBeside, type TicketingBeside } from './support/ticketing-beside';

// GET /v1/tickets/stats through the REAL api-gateway to the REAL ticketing service (figures themselves:
// apps/ticketing/src/stats/ticket-stats.fixture.int-spec.ts). Tenancy, roles, route order, bad input.
interface Stats {
  groupBy: string;
  closeTargetHours: number;
  groups: Array<{ key?: string; new: number; newFromCustomer: number; reopened: number; closed: number }>;
}

describe('GET /v1/tickets/stats (J11)', () => {
  let gw: Gateway;
  let tk: TicketingBeside;
  let a: { id: string; key: string; supervisor: string; operator: string };
  let b: { id: string; key: string };
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();

  beforeAll(async () => {
    gw = await startGateway('gw_tkstats', { RPC_TIMEOUT_MS: '5000' });
    tk = await startTicketingBeside(gw, 'tk_tkstats');
    const oa = await gw.createOrg();
    a = { id: oa.id, key: oa.key, ...(await gw.roleKeys(oa.key)) };
    const ob = await gw.createOrg();
    b = { id: ob.id, key: ob.key };
    // Through the ticket book, as the call facts would: two missed-call tickets of A (one closed and reopened), one of B.
    const book = tk.app.get(TicketBook);
    const tx = tk.app.get(TransactionRunner);
    const missed = (orgId: string) => tx.run((t) =>
      book.open({ organizationId: asOrgId(orgId), kind: 'missed_call', callerNumber: '+905551234567', customerId: null }, { type: 'missed_call', callId: uuidv7(), number: '+905551234567', assigneeId: null }, undefined, new Date(), t));
    const first = await missed(a.id);
    await missed(a.id);
    await missed(b.id);
    await tx.run(async (t) => {
      const closed = await book.apply(first, { type: 'close' }, undefined, new Date(), t);
      await book.apply(closed!, { type: 'reopen' }, undefined, new Date(), t);
    });
  });

  afterAll(async () => {
    await tk?.close();
    await gw?.close();
  });

  const get = (key: string, query: string) => gw.request({ method: 'GET', url: `/v1/tickets/stats?${query}`, key });
  const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  it("each organization sees only its own tickets' figures (admin and supervisor keys)", async () => {
    const ra = await get(a.key, period);
    expect(ra.statusCode).toBe(200);
    expect(ra.json<Stats>()).toMatchObject({ groupBy: 'none', closeTargetHours: 24, groups: [{ new: 2, newFromCustomer: 2, reopened: 1, closed: 0 }] });
    const rs = await get(a.supervisor, `${period}&groupBy=kind&closeTargetHours=48`);
    expect(rs.statusCode).toBe(200);
    expect(rs.json<Stats>()).toMatchObject({ groupBy: 'kind', closeTargetHours: 48, groups: [{ key: 'missed_call', new: 2 }] });
    const rb = await get(b.key, `${period}&groupBy=assignee`);
    expect(rb.statusCode).toBe(200);
    expect(rb.json<Stats>().groups).toEqual([expect.objectContaining({ new: 1, reopened: 0 })]);
    expect(rb.json<Stats>().groups[0]!.key).toBeUndefined();
  });

  it('an operator key is 403', async () => {
    expectProblem(await get(a.operator, period), 403, 'FORBIDDEN');
  });

  it('tickets/stats is not taken for tickets/:id, and tickets/:id still answers', async () => {
    expect((await get(a.key, period)).statusCode).toBe(200);
    expectProblem(await gw.request({ method: 'GET', url: `/v1/tickets/${uuidv7()}`, key: a.key }), 404, 'TICKET_NOT_FOUND');
  });

  it.each([
    ['no from', `to=${encodeURIComponent(to)}`],
    ['no to', `from=${encodeURIComponent(from)}`],
    ['a date that is no timestamp', `from=yesterday&to=${encodeURIComponent(to)}`],
    ['an unknown groupBy', `${period}&groupBy=week`],
    ['a zero close target', `${period}&closeTargetHours=0`],
    ['a fractional close target', `${period}&closeTargetHours=1.5`],
  ])('%s is 422 VALIDATION_FAILED', async (_name, query) => {
    expectProblem(await get(a.key, query), 422, 'VALIDATION_FAILED');
  });

  it('from after to is 422 TICKET_STATS_PERIOD_INVERTED', async () => {
    expectProblem(await get(a.key, `from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`), 422, 'TICKET_STATS_PERIOD_INVERTED');
  });
});
