import { type CallingWindowPolicy, isCallable, nextOpening, parseClockTime } from './calling-window';

const DEFAULTS: CallingWindowPolicy = {};
const IST = 'Europe/Istanbul';
const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const US_ALL = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'America/Adak', 'Pacific/Honolulu'];
// A policy without organization bounds (00:00–24:00), to reach the small hours DST moves.
const NIGHT = (start: string, end: string): CallingWindowPolicy => ({ windows: [{ start, end }], outerBounds: { start: '00:00', end: '24:00' } });
const at = (iso: string) => new Date(iso);

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0], ['09:30', 570], ['23:59', 1439], ['24:00', 1440],
    ['24:01', null], ['9:00', null], ['25:00', null], ['12:60', null], ['', null], ['noon', null],
  ])('%s → %s', (text, minutes) => expect(parseClockTime(text)).toBe(minutes));
});

describe('isCallable', () => {
  it.each<[string, CallingWindowPolicy, string[], string, boolean]>([
    // Europe/Istanbul, UTC+3 all year.
    ['Istanbul 09:00 opens', DEFAULTS, [IST], '2026-03-10T06:00:00Z', true],
    ['Istanbul 08:59:59 not yet', DEFAULTS, [IST], '2026-03-10T05:59:59Z', false],
    ['Istanbul 11:59 inside', DEFAULTS, [IST], '2026-03-10T08:59:00Z', true],
    ['Istanbul 12:00 closed (end exclusive)', DEFAULTS, [IST], '2026-03-10T09:00:00Z', false],
    ['Istanbul 13:00 lunch gap', DEFAULTS, [IST], '2026-03-10T10:00:00Z', false],
    ['Istanbul 14:00 opens again', DEFAULTS, [IST], '2026-03-10T11:00:00Z', true],
    ['Istanbul 17:00 closed', DEFAULTS, [IST], '2026-03-10T14:00:00Z', false],
    ['Istanbul 03:00 night', DEFAULTS, [IST], '2026-03-10T00:00:00Z', false],
    ['Istanbul in July, same offset', DEFAULTS, [IST], '2026-07-10T06:00:00Z', true],
    // Asia/Kolkata, UTC+5:30.
    ['Kolkata 09:00 = 03:30Z', DEFAULTS, [KOLKATA], '2026-03-10T03:30:00Z', true],
    ['Kolkata 08:59 = 03:29Z', DEFAULTS, [KOLKATA], '2026-03-10T03:29:00Z', false],
    ['Kolkata 16:59 = 11:29Z', DEFAULTS, [KOLKATA], '2026-03-10T11:29:00Z', true],
    ['Kolkata 17:00 = 11:30Z', DEFAULTS, [KOLKATA], '2026-03-10T11:30:00Z', false],
    // America/New_York: EST (UTC−5) until 2026-03-08, EDT (UTC−4) until 2026-11-01.
    ['New York Fri before DST, 09:00 EST = 14:00Z', DEFAULTS, [NY], '2026-03-06T14:00:00Z', true],
    ['New York Fri before DST, 13:00Z = 08:00 EST', DEFAULTS, [NY], '2026-03-06T13:00:00Z', false],
    ['New York Mon after DST, 13:00Z = 09:00 EDT', DEFAULTS, [NY], '2026-03-09T13:00:00Z', true],
    ['New York Mon after DST, 21:00Z = 17:00 EDT', DEFAULTS, [NY], '2026-03-09T21:00:00Z', false],
    ['New York Fri before fall-back, 13:30Z = 09:30 EDT', DEFAULTS, [NY], '2026-10-30T13:30:00Z', true],
    ['New York Mon after fall-back, 13:30Z = 08:30 EST', DEFAULTS, [NY], '2026-11-02T13:30:00Z', false],
    ['New York Mon after fall-back, 14:00Z = 09:00 EST', DEFAULTS, [NY], '2026-11-02T14:00:00Z', true],
    // Weekday windows, restricted dates, organization bounds.
    ['Saturday-only window on a Saturday', { windows: [{ start: '10:00', end: '13:00', days: ['sat'] }] }, [IST], '2026-03-14T08:00:00Z', true],
    ['Saturday-only window on a Friday', { windows: [{ start: '10:00', end: '13:00', days: ['sat'] }] }, [IST], '2026-03-13T08:00:00Z', false],
    ['restricted local date', { restrictedDates: ['2026-03-10'] }, [IST], '2026-03-10T06:00:00Z', false],
    ['restricted date is local: 00:30 on the 11th in Istanbul', { restrictedDates: ['2026-03-10'], windows: [{ start: '00:00', end: '02:00' }], outerBounds: { start: '00:00', end: '24:00' } }, [IST], '2026-03-10T21:30:00Z', true],
    ['window wider than the bounds is clipped: 08:00', { windows: [{ start: '07:00', end: '21:00' }] }, [IST], '2026-03-10T05:00:00Z', false],
    ['window wider than the bounds is clipped: 18:59', { windows: [{ start: '07:00', end: '21:00' }] }, [IST], '2026-03-10T15:59:00Z', true],
    ['window wider than the bounds is clipped: 19:00', { windows: [{ start: '07:00', end: '21:00' }] }, [IST], '2026-03-10T16:00:00Z', false],
    ['organization bounds 10:00–16:00 narrow the defaults', { outerBounds: { start: '10:00', end: '16:00' } }, [IST], '2026-03-10T06:30:00Z', false],
    ['no windows → never', { windows: [] }, [IST], '2026-03-10T06:30:00Z', false],
    ['invalid window opens nothing', { windows: [{ start: '12:00', end: '09:00' }] }, [IST], '2026-03-10T07:00:00Z', false],
    // Unknown zones are the strictest: never.
    ['no zone', DEFAULTS, [], '2026-03-10T06:30:00Z', false],
    ['an unknown zone', DEFAULTS, ['Mars/Olympus'], '2026-03-10T06:30:00Z', false],
    ['one unknown zone among known ones', DEFAULTS, [IST, 'Mars/Olympus'], '2026-03-10T06:30:00Z', false],
    // Several zones: the intersection.
    ['Istanbul + Kolkata: 06:30Z = 09:30 Istanbul but 12:00 Kolkata', DEFAULTS, [IST, KOLKATA], '2026-03-10T06:30:00Z', false],
    ['Istanbul + Kolkata: 06:00Z = 09:00 / 11:30', DEFAULTS, [IST, KOLKATA], '2026-03-10T06:00:00Z', true],
    ['US, all zones, 09:00–19:00 in January: 19:00Z = 14:00 NY / 09:00 Honolulu', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-01-14T19:00:00Z', true],
    ['US, all zones, 09:00–19:00 in January: 18:59Z, Honolulu 08:59', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-01-14T18:59:00Z', false],
    ['US, all zones, 09:00–19:00 in January: 23:59Z = 18:59 NY', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-01-14T23:59:00Z', true],
    ['US, all zones, 09:00–19:00 in January: 00:00Z = 19:00 NY', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-01-15T00:00:00Z', false],
    ['US, all zones, 09:00–19:00 in July: 23:00Z = 19:00 EDT', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-07-14T23:00:00Z', false],
    ['US, all zones, 09:00–19:00 in July: 22:59Z', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-07-14T22:59:00Z', true],
  ])('%s', (_name, policy, zones, iso, expected) => {
    expect(isCallable(policy, zones, at(iso))).toBe(expected);
  });
});

describe('nextOpening', () => {
  it.each<[string, CallingWindowPolicy, string[], string, string | null]>([
    ['inside a window: now', DEFAULTS, [IST], '2026-03-10T07:00:00Z', '2026-03-10T07:00:00.000Z'],
    ['exactly at an opening: that instant', DEFAULTS, [IST], '2026-03-10T11:00:00Z', '2026-03-10T11:00:00.000Z'],
    ['Istanbul lunch gap → 14:00', DEFAULTS, [IST], '2026-03-10T09:30:00Z', '2026-03-10T11:00:00.000Z'],
    ['Istanbul evening → 09:00 next day', DEFAULTS, [IST], '2026-03-10T14:30:00Z', '2026-03-11T06:00:00.000Z'],
    ['Istanbul, sub-second before 09:00', DEFAULTS, [IST], '2026-03-10T05:59:59.500Z', '2026-03-10T06:00:00.000Z'],
    ['Kolkata lunch gap → 14:00 = 08:30Z', DEFAULTS, [KOLKATA], '2026-03-10T07:00:00Z', '2026-03-10T08:30:00.000Z'],
    ['Kolkata night → 09:00 = 03:30Z', DEFAULTS, [KOLKATA], '2026-03-09T20:00:00Z', '2026-03-10T03:30:00.000Z'],
    ['New York Sat evening EST → Sun 09:00 EDT', DEFAULTS, [NY], '2026-03-07T22:00:00Z', '2026-03-08T13:00:00.000Z'],
    ['New York Sat evening EDT → Sun 09:00 EST', DEFAULTS, [NY], '2026-10-31T22:00:00Z', '2026-11-01T14:00:00.000Z'],
    ['New York DST gap: a 02:30 window opens at the jump (03:00 EDT)', NIGHT('02:30', '04:00'), [NY], '2026-03-08T06:00:00Z', '2026-03-08T07:00:00.000Z'],
    ['New York fall-back: 01:00–01:30 opens again when 01:00 repeats', NIGHT('01:00', '01:30'), [NY], '2026-11-01T05:45:00Z', '2026-11-01T06:00:00.000Z'],
    ['restricted today → tomorrow 09:00', { restrictedDates: ['2026-03-10'] }, [IST], '2026-03-10T05:00:00Z', '2026-03-11T06:00:00.000Z'],
    ['11 restricted days → the 12th', { restrictedDates: days('2026-03-10', 11) }, [IST], '2026-03-10T05:00:00Z', '2026-03-21T06:00:00.000Z'],
    ['every day of the horizon restricted → null', { restrictedDates: days('2026-03-10', 16) }, [IST], '2026-03-10T05:00:00Z', null],
    ['weekend-only window from a Monday → Saturday', { windows: [{ start: '10:00', end: '13:00', days: ['sat', 'sun'] }] }, [IST], '2026-03-09T12:00:00Z', '2026-03-14T07:00:00.000Z'],
    ['no windows → null', { windows: [] }, [IST], '2026-03-10T05:00:00Z', null],
    ['no zone → null', DEFAULTS, [], '2026-03-10T05:00:00Z', null],
    ['unknown zone → null', DEFAULTS, ['Mars/Olympus'], '2026-03-10T05:00:00Z', null],
    ['Istanbul + Kolkata → 09:00 Istanbul (11:30 Kolkata)', DEFAULTS, [IST, KOLKATA], '2026-03-10T03:00:00Z', '2026-03-10T06:00:00.000Z'],
    ['US all zones, default windows: no common hour in winter', DEFAULTS, US_ALL, '2026-01-14T12:00:00Z', null],
    ['US all zones, default windows: no common hour in summer', DEFAULTS, US_ALL, '2026-07-14T12:00:00Z', null],
    ['US all zones, 09:00–19:00, January → 09:00 Honolulu', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-01-14T12:00:00Z', '2026-01-14T19:00:00.000Z'],
    ['US all zones, 09:00–19:00, after closing → next day', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-01-15T00:00:00Z', '2026-01-15T19:00:00.000Z'],
  ])('%s', (_name, policy, zones, iso, expected) => {
    expect(nextOpening(policy, zones, at(iso))?.toISOString() ?? null).toBe(expected);
  });

  it('respects a shorter horizon', () => {
    const policy = { restrictedDates: days('2026-03-10', 3) };
    expect(nextOpening(policy, [IST], at('2026-03-10T05:00:00Z'), 2)).toBeNull();
    expect(nextOpening(policy, [IST], at('2026-03-10T05:00:00Z'), 4)?.toISOString()).toBe('2026-03-13T06:00:00.000Z');
  });

  // The candidate-instant search must agree with a minute-by-minute walk of isCallable.
  it.each<[string, CallingWindowPolicy, string[], string]>([
    ['New York across spring-forward, night window', NIGHT('02:15', '02:45'), [NY], '2026-03-07T12:00:00Z'],
    ['New York across fall-back, night window', NIGHT('01:10', '01:20'), [NY], '2026-10-31T12:00:00Z'],
    ['New York + Kolkata, defaults', DEFAULTS, [NY, KOLKATA], '2026-03-07T00:00:00Z'],
    ['Santiago, midnight skipped (DST starts at 24:00)', NIGHT('00:00', '00:30'), ['America/Santiago'], '2026-09-04T12:00:00Z'],
    ['Santiago, 23:00–24:00 repeated (DST ends at 24:00)', NIGHT('23:10', '23:20'), ['America/Santiago'], '2026-04-03T12:00:00Z'],
    ['Lord Howe, a 30-minute DST shift', NIGHT('01:40', '01:50'), ['Australia/Lord_Howe'], '2026-04-03T12:00:00Z'],
    ['Istanbul, weekday windows', { windows: [{ start: '09:30', end: '09:45', days: ['tue'] }, { start: '18:00', end: '18:05' }] }, [IST], '2026-03-09T00:00:00Z'],
  ])('agrees with a minute walk: %s', (_name, policy, zones, iso) => {
    let cursor = at(iso).getTime();
    for (let opened = 0; opened < 4; opened++) {
      const next = nextOpening(policy, zones, new Date(cursor), 3);
      const walked = walkToOpening(policy, zones, cursor, cursor + 3 * 86_400_000);
      expect(next?.toISOString() ?? null).toBe(walked?.toISOString() ?? null);
      if (!next) break;
      cursor = walkToClose(policy, zones, next.getTime());
    }
  });
});

function days(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
}

function walkToOpening(policy: CallingWindowPolicy, zones: string[], from: number, to: number): Date | null {
  for (let ms = from; ms <= to; ms += 60_000) if (isCallable(policy, zones, new Date(ms))) return new Date(ms);
  return null;
}

function walkToClose(policy: CallingWindowPolicy, zones: string[], from: number): number {
  let ms = from;
  while (isCallable(policy, zones, new Date(ms))) ms += 60_000;
  return ms;
}
