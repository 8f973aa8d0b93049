import { earliestUnderFrequencyCap, type FrequencyCap, frequencyCapAllows } from './frequency-cap';

const HOUR = 3_600_000;
const NOW = new Date('2026-03-10T12:00:00Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

describe('frequency cap', () => {
  it.each<[string, FrequencyCap | undefined, Date[], boolean, string]>([
    ['no cap', undefined, [ago(1), ago(2), ago(3)], true, later(0)],
    ['no calls yet', { maxCalls: 1, perDays: 1 }, [], true, later(0)],
    ['below the cap', { maxCalls: 3, perDays: 1 }, [ago(1), ago(2)], true, later(0)],
    ['at the cap: wait until the oldest counted call is a day old', { maxCalls: 2, perDays: 1 }, [ago(1), ago(5)], false, later(19)],
    ['order of the history does not matter', { maxCalls: 2, perDays: 1 }, [ago(5), ago(30), ago(1)], false, later(19)],
    ['a call exactly perDays ago no longer counts', { maxCalls: 1, perDays: 1 }, [ago(24)], true, later(0)],
    ['calls older than the period do not count', { maxCalls: 2, perDays: 7 }, [ago(1), ago(7 * 24 + 1)], true, later(0)],
    ['over the cap: the maxCalls-th most recent call decides', { maxCalls: 2, perDays: 7 }, [ago(1), ago(2), ago(3)], false, later(7 * 24 - 2)],
  ])('%s', (_name, cap, calls, allows, earliest) => {
    expect(frequencyCapAllows(cap, calls, NOW)).toBe(allows);
    expect(earliestUnderFrequencyCap(cap, calls, NOW).toISOString()).toBe(earliest);
    expect(frequencyCapAllows(cap, calls, new Date(earliest))).toBe(true);
  });
});
