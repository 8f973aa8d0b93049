import { diagnoseCampaign, type CampaignFacts } from './campaign-diagnosis';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const base = (): CampaignFacts => ({
  now: NOW, state: 'active', pauseReason: null,
  tasks: { pending: 5, due: 5, dialing: 0, retryScheduled: 0, finished: 0, cancelled: 0 },
  closedZones: [], slots: { usable: 3, holders: [] },
  hour: { organization: { count: 0, cap: 100, oldest: null } },
  frequencyCapped: 0, mayStartCall: true, retries: { waiting: 0, next: null },
});
const holder = (n: number) => ({ slotNo: n, callId: `0190c000-0000-7000-8000-00000000000${n}`, state: 'in_progress' as const, ofThisCampaign: true, since: NOW.toISOString() });

describe('diagnoseCampaign', () => {
  it.each<[string, (f: CampaignFacts) => void, object[], boolean]>([
    ['nothing in the way', () => undefined, [], true],
    ['paused, with its reason', (f) => Object.assign(f, { state: 'paused', pauseReason: 'insufficient_credits' }), [{ code: 'campaign_paused', pauseReason: 'insufficient_credits' }], false],
    ['never started', (f) => Object.assign(f, { state: 'paused', pauseReason: 'not_started' }), [{ code: 'campaign_not_started' }], false],
    ['cancelled', (f) => Object.assign(f, { state: 'cancelled' }), [{ code: 'campaign_cancelled' }], false],
    ['completed', (f) => Object.assign(f, { state: 'completed' }), [{ code: 'campaign_completed' }], false],
    ['an empty queue', (f) => Object.assign(f.tasks, { pending: 0, due: 0 }), [{ code: 'empty_queue', count: 0 }], false],
    ['outside the window in two zones: counts per zone, the first opening', (f) => {
      f.tasks.due = 5;
      f.closedZones = [
        { zone: 'Europe/Istanbul', tasks: 2, opensAt: '2026-03-02T11:00:00.000Z', opensAtLocal: '14:00' },
        { zone: 'America/New_York', tasks: 3, opensAt: '2026-03-02T14:00:00.000Z', opensAtLocal: '09:00' },
      ];
    }, [{ code: 'outside_window', count: 5, until: '2026-03-02T11:00:00.000Z', zones: [expect.objectContaining({ zone: 'America/New_York', tasks: 3 }), expect.objectContaining({ zone: 'Europe/Istanbul', tasks: 2 })] }], false],
    ['some outside the window, others due inside theirs', (f) => {
      f.tasks.due = 8;
      f.closedZones = [{ zone: 'Europe/Istanbul', tasks: 2, opensAt: '2026-03-02T11:00:00.000Z' }];
    }, [{ code: 'outside_window', count: 2 }], true],
    ['no free slot, with who holds them', (f) => (f.slots.holders = [holder(1), holder(2), holder(3)]), [{ code: 'no_free_slot', count: 3, limit: 3, holders: [holder(1), holder(2), holder(3)] }], false],
    ["the organization's calls-per-hour cap, and when the hour's oldest leaves",
      (f) => (f.hour.organization = { count: 100, cap: 100, oldest: new Date('2026-03-02T09:20:00.000Z') }),
      [{ code: 'calls_per_hour_cap', scope: 'organization', count: 100, limit: 100, until: '2026-03-02T10:20:00.000Z' }], false],
    ["the campaign's own cap", (f) => (f.hour.campaign = { count: 10, cap: 10, oldest: new Date('2026-03-02T09:30:00.000Z') }),
      [{ code: 'calls_per_hour_cap', scope: 'campaign', count: 10, limit: 10, until: '2026-03-02T10:30:00.000Z' }], false],
    ['the provider account’s calls per second spent', (f) => (f.cps = { available: 0.4, perSecond: 1 }), [{ code: 'cps_limit', limit: 1 }], false],
    ['tokens left: no CPS reason', (f) => (f.cps = { available: 1, perSecond: 1 }), [], true],
    ['frequency-capped tasks', (f) => (f.frequencyCapped = 2), [{ code: 'frequency_capped', count: 2 }], true],
    ['insufficient credits', (f) => (f.mayStartCall = false), [{ code: 'insufficient_credits' }], false],
    ['only retries not yet due', (f) => {
      Object.assign(f.tasks, { pending: 0, due: 0, retryScheduled: 4 });
      f.retries = { waiting: 4, next: new Date('2026-03-02T11:00:00.000Z') };
    }, [{ code: 'waiting_for_retry', count: 4, until: '2026-03-02T11:00:00.000Z' }], false],
    ['several at once, in the dispatcher’s order', (f) => {
      Object.assign(f, { state: 'paused', pauseReason: 'manual', mayStartCall: false });
      f.slots.holders = [holder(1), holder(2), holder(3)];
    }, [{ code: 'campaign_paused' }, { code: 'no_free_slot' }, { code: 'insufficient_credits' }], false],
  ])('%s', (_name, change, expected, dialable) => {
    const f = base();
    change(f);
    const out = diagnoseCampaign(f);
    expect(out.reasons).toEqual(expected.map((e) => expect.objectContaining(e)));
    expect(out.reasons.every((r) => r.message.length > 0)).toBe(true);
    expect(out.dialable).toBe(dialable);
  });
});
