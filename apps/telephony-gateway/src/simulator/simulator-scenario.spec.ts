import { planCall, scenarioFrom } from './simulator-scenario';

describe('simulator scenario', () => {
  const s = scenarioFrom({ seed: 3, timeScale: 60, rates: { answer: 1, busy: 0, noAnswer: 0, failure: 0, voicemail: 0 } });

  it.each([
    ['+905550000001', 'busy'],
    ['+905550000002', 'no_answer'],
    ['+905550000003', 'failed'],
    ['+905550000004', 'voicemail'],
    ['+905550000006', 'silent'],
    ['+905550000007', 'vanish'],
    ['+905550000008', 'error:REQUEST_ANSWER_URL_ERROR'],
  ])('built-in override: %s → %s', (to, outcome) => {
    expect(planCall(s, to, 'k', 30).outcome).toBe(outcome);
  });

  it('account overrides win, then rates decide; the same call always gets the same fate', () => {
    const custom = scenarioFrom({ overrides: [{ pattern: '^\\+1', outcome: 'busy' }], rates: { answer: 0, busy: 0, noAnswer: 1, failure: 0, voicemail: 0 } });
    expect(planCall(custom, '+14155550001', 'k', 30).outcome).toBe('busy');
    expect(planCall(custom, '+905551112233', 'k', 30).outcome).toBe('no_answer');
    expect(planCall(s, '+905551112233', 'call-1', 30)).toEqual(planCall(s, '+905551112233', 'call-1', 30));
  });

  it('rates produce roughly the configured mix', () => {
    const mix = scenarioFrom({ seed: 9, rates: { answer: 0.5, busy: 0.5, noAnswer: 0, failure: 0, voicemail: 0 } });
    const answered = Array.from({ length: 2000 }, (_, i) => planCall(mix, '+905551112233', `c${i}`, 30)).filter((p) => p.outcome === 'answered').length;
    expect(answered).toBeGreaterThan(850);
    expect(answered).toBeLessThan(1150);
  });

  it('clamps nonsense settings', () => {
    const bad = scenarioFrom({ timeScale: -5, ringSeconds: { min: 9, max: 1 }, rates: 'x' });
    expect(bad.timeScale).toBe(1);
    expect(bad.ringSeconds).toEqual({ min: 9, max: 9 });
    expect(planCall(bad, '+905551112233', 'k', 5).ringSeconds).toBeLessThanOrEqual(5);
  });
});
