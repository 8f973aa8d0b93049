import type { OrgId } from '@santral/persistence';
import { GetTicketStatsUseCase } from './get-ticket-stats.use-case';
import { TicketStatsPort, type TicketStatsFigures, type TicketStatsQuery } from './ticket-stats.port';

const ORG = '0190eeee-0000-7000-8000-000000000001';
const figures = (over: Partial<TicketStatsFigures> = {}): TicketStatsFigures => ({
  key: null, new: 3, newFromCustomer: 2, reopened: 1, inProgress: 0, withReply: 0, replies: 0, closed: 0, averageRepliesToClose: null,
  averageCloseSeconds: null, closeSlaBreaches: 0, averageFirstResponseSeconds: null, ...over,
});

class FakeStats extends TicketStatsPort {
  asked: Array<{ orgId: OrgId; query: TicketStatsQuery }> = [];
  constructor(private readonly rows: TicketStatsFigures[]) {
    super();
  }
  async figures(orgId: OrgId, query: TicketStatsQuery) {
    this.asked.push({ orgId, query });
    return this.rows;
  }
}

describe('GetTicketStatsUseCase', () => {
  it('defaults to one group and a 24 h close target, passes the period as dates, adds newOrReopened, leaves absent averages out', async () => {
    const port = new FakeStats([figures()]);
    const reply = await new GetTicketStatsUseCase(port).execute({ organizationId: ORG, from: '2026-03-10T03:00:00+03:00', to: '2026-03-11T00:00:00Z' });
    expect(port.asked).toEqual([{ orgId: ORG, query: { from: new Date('2026-03-10T00:00:00Z'), to: new Date('2026-03-11T00:00:00Z'), groupBy: 'none', closeTargetSeconds: 86_400 } }]);
    expect(reply).toEqual({
      from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', groupBy: 'none', closeTargetHours: 24,
      groups: [{ new: 3, newFromCustomer: 2, reopened: 1, newOrReopened: 4, inProgress: 0, withReply: 0, replies: 0, closed: 0, closeSlaBreaches: 0 }],
    });
  });

  it('keeps the group key and the averages there are; the close target in hours becomes seconds', async () => {
    const port = new FakeStats([figures({ key: 'inbound_call', averageCloseSeconds: 60, averageRepliesToClose: 1.5, averageFirstResponseSeconds: 0 })]);
    const reply = await new GetTicketStatsUseCase(port).execute({ organizationId: ORG, from: '2026-03-10T00:00:00Z', to: '2026-03-10T00:00:00Z', groupBy: 'kind', closeTargetHours: 2 });
    expect(port.asked[0]!.query).toMatchObject({ groupBy: 'kind', closeTargetSeconds: 7200 });
    expect(reply.groups[0]).toMatchObject({ key: 'inbound_call', averageCloseSeconds: 60, averageRepliesToClose: 1.5, averageFirstResponseSeconds: 0 });
  });

  it('a period that ends before it starts is TICKET_STATS_PERIOD_INVERTED and asks nothing', async () => {
    const port = new FakeStats([]);
    await expect(new GetTicketStatsUseCase(port).execute({ organizationId: ORG, from: '2026-03-11T00:00:00Z', to: '2026-03-10T23:59:59Z' })).rejects.toMatchObject({ code: 'TICKET_STATS_PERIOD_INVERTED' });
    expect(port.asked).toEqual([]);
  });
});
