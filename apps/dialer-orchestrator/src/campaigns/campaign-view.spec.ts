import type { CampaignDialPlanV1 } from '@santral/contracts';
import { applyCampaignFact, type CampaignFact, type CampaignView } from './campaign-view';

const plan = (ringTimeoutSeconds: number) => ({ ringTimeoutSeconds }) as CampaignDialPlanV1;
const t = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s)).toISOString();
const fold = (facts: CampaignFact[]) => facts.reduce<CampaignView | null>((v, f) => applyCampaignFact(v, f), null)!;

const started: CampaignFact = { kind: 'started', at: t(1), dialPlan: plan(30) };
const edited: CampaignFact = { kind: 'updated', at: t(2), dialPlan: plan(45) };
const paused: CampaignFact = { kind: 'paused', at: t(3), reason: 'manual' };
const resumed: CampaignFact = { kind: 'resumed', at: t(4) };
const cancelled: CampaignFact = { kind: 'cancelled', at: t(5) };

/** Every order of a list (the facts are few). */
function orders<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('applyCampaignFact: the dialer view of a campaign, in any order', () => {
  it.each([
    ['started', [started], 'active', 30],
    ['started, edited', [started, edited], 'active', 45],
    ['started, edited, paused', [started, edited, paused], 'paused', 45],
    ['… resumed', [started, edited, paused, resumed], 'active', 45],
    ['… cancelled', [started, edited, paused, resumed, cancelled], 'cancelled', 45],
  ])('%s', (_name, facts, state, ring) => {
    const v = fold(facts as CampaignFact[]);
    expect(v.state).toBe(state);
    expect(v.dialPlan?.ringTimeoutSeconds).toBe(ring);
  });

  it('ends the same whatever order the five facts arrive in, and with each one twice', () => {
    const all = [started, edited, paused, resumed, cancelled];
    const expected = fold(all);
    for (const order of orders(all)) {
      expect(fold(order)).toEqual(expected);
      expect(fold(order.flatMap((f) => [f, f]))).toEqual(expected);
    }
  });

  it('a late pause older than the resume does not pause it again; cancelled is final', () => {
    expect(fold([started, resumed, paused]).state).toBe('active');
    expect(fold([started, cancelled, { kind: 'resumed', at: t(9) }]).state).toBe('cancelled');
    expect(fold([started, { kind: 'resumed', at: t(9) }, cancelled]).state).toBe('cancelled'); // a cancel older than the resume still ends it
  });

  it('is paused (not started) until a start arrives, yet keeps a plan that came first', () => {
    const v = fold([edited]);
    expect(v).toMatchObject({ state: 'paused', pauseReason: 'not_started', dialPlan: plan(45) });
  });
});
