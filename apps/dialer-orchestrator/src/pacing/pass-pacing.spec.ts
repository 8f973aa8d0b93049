import { HOUR_MS, type HourOfCalls } from './call-history';
import { PassPacing, type PacedTask } from './pass-pacing';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAY = 24 * HOUR_MS;
const hour = (byCampaign: Array<[string | null, number, Date]>): HourOfCalls => ({
  total: byCampaign.reduce((n, [, c]) => n + c, 0),
  oldest: byCampaign.map(([, , o]) => o).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
  byCampaign: new Map(byCampaign.map(([k, count, oldest]) => [k, { count, oldest }])),
});
const task = (over: Partial<PacedTask> = {}): PacedTask => ({ campaignId: 'c1', toNumber: '+905550000001', ...over });

describe('PassPacing', () => {
  it.each([
    ['under every cap', 10, hour([['c1', 3, ago(10 * 60_000)]]), task({ callsPerHour: 5 }), { kind: 'admit' }],
    ['no caps at all', undefined, hour([]), task(), { kind: 'admit' }],
    ["the organization's cap reached", 4, hour([['c1', 2, ago(60_000)], [null, 2, ago(120_000)]]), task(), { kind: 'org_cap' }],
    ["the campaign's own cap, smaller than the organization's", 100, hour([['c1', 5, ago(40 * 60_000)]]), task({ callsPerHour: 5 }),
      { kind: 'defer', reason: 'campaign_cap', at: new Date(ago(40 * 60_000).getTime() + HOUR_MS) }],
    ["another campaign's calls do not count against this campaign's cap", 100, hour([['c2', 9, ago(60_000)]]), task({ callsPerHour: 5 }), { kind: 'admit' }],
    ['a direct call only counts against the organization', 100, hour([[null, 50, ago(60_000)]]), task({ campaignId: null, callsPerHour: 1 }), { kind: 'admit' }],
  ])('%s', (_name, orgCap, h, t, expected) => {
    expect(new PassPacing(orgCap, h, new Map(), NOW).admit(t)).toEqual(expected);
  });

  it.each([
    ['no earlier call', [], { kind: 'admit' }],
    ['one call in the period, cap 2', [ago(DAY)], { kind: 'admit' }],
    ['two calls in 3 days, cap 2: ready when the older one leaves', [ago(2 * DAY), ago(DAY)], { kind: 'defer', reason: 'frequency_cap', at: new Date(ago(2 * DAY).getTime() + 3 * DAY) }],
    ['calls older than the period do not count', [ago(4 * DAY), ago(5 * DAY)], { kind: 'admit' }],
  ])('frequency cap 2 per 3 days: %s', (_name, times, expected) => {
    const recent = new Map([['+905550000001', times as Date[]]]);
    expect(new PassPacing(undefined, hour([]), recent, NOW).admit(task({ frequencyCap: { maxCalls: 2, perDays: 3 } }))).toEqual(expected);
  });

  it('counts what it admits for the rest of the pass: the caps and the same number twice', () => {
    const pacing = new PassPacing(3, hour([['c1', 1, ago(60_000)]]), new Map(), NOW);
    const capped = task({ callsPerHour: 2, frequencyCap: { maxCalls: 1, perDays: 1 } });
    expect(pacing.admit(capped)).toEqual({ kind: 'admit' });
    expect(pacing.admit(capped)).toEqual({ kind: 'defer', reason: 'campaign_cap', at: new Date(ago(60_000).getTime() + HOUR_MS) });
    expect(pacing.admit(task({ campaignId: 'c2', frequencyCap: { maxCalls: 1, perDays: 1 } }))).toEqual({ kind: 'defer', reason: 'frequency_cap', at: new Date(NOW.getTime() + DAY) });
    expect(pacing.admit(task({ campaignId: 'c2', toNumber: '+905550000002' }))).toEqual({ kind: 'admit' });
    expect(pacing.admit(task({ campaignId: 'c2', toNumber: '+905550000003' }))).toEqual({ kind: 'org_cap' });
  });
});
