import type { CallingWindowPolicy } from './calling-window';
import { explainCallingWindow } from './calling-window.explain';

const IST = 'Europe/Istanbul';
const US_ALL = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'America/Adak', 'Pacific/Honolulu'];

describe('explainCallingWindow', () => {
  it('says nothing more when a call may start', () => {
    expect(explainCallingWindow({}, [IST], new Date('2026-03-10T07:00:00Z'))).toEqual({ callable: true });
  });

  it.each<[string, CallingWindowPolicy, string[], string, object]>([
    ['between the two daily windows', {}, [IST], '2026-03-10T09:30:00Z', {
      reason: 'outside_hours', zone: IST, opensAt: new Date('2026-03-10T11:00:00Z'), opensAtLocal: '14:00',
      message: 'outside calling hours (Europe/Istanbul) until 14:00',
    }],
    ['after the organization bounds: opens tomorrow', {}, [IST], '2026-03-10T17:00:00Z', {
      reason: 'outer_bounds', zone: IST, opensAt: new Date('2026-03-11T06:00:00Z'), opensAtLocal: '2026-03-11 09:00',
      message: "outside the organization's calling hours 09:00–19:00 (Europe/Istanbul) until 2026-03-11 09:00",
    }],
    ['a campaign window reaching past the bounds still reports the bounds', { windows: [{ start: '06:00', end: '08:00' }] }, [IST], '2026-03-10T04:00:00Z', {
      reason: 'outer_bounds', opensAt: null, opensAtLocal: null,
      message: "outside the organization's calling hours 09:00–19:00 (Europe/Istanbul), no opening in the next 14 days",
    }],
    ['17:30: after the campaign windows, inside the bounds', {}, [IST], '2026-03-10T14:30:00Z', {
      reason: 'outside_hours', opensAtLocal: '2026-03-11 09:00',
    }],
    ['a restricted date', { restrictedDates: ['2026-03-10'] }, [IST], '2026-03-10T07:00:00Z', {
      reason: 'restricted_date', opensAtLocal: '2026-03-11 09:00',
      message: 'restricted date 2026-03-10 (Europe/Istanbul) until 2026-03-11 09:00',
    }],
    // 18:00Z in January: 13:00 New York … 09:00 Anchorage, but 08:00 on Adak and in Honolulu.
    ['several zones: names the first zone that forbids it', { windows: [{ start: '09:00', end: '19:00' }] }, US_ALL, '2026-01-14T18:00:00Z', {
      reason: 'outer_bounds', zone: 'America/Adak', opensAt: new Date('2026-01-14T19:00:00Z'), opensAtLocal: '09:00',
      message: "outside the organization's calling hours 09:00–19:00 (America/Adak, one of 8 possible zones) until 09:00",
    }],
    // 19:00Z in January: 14:00 New York, 13:00 Chicago (lunch gap).
    ['several zones with no common hours', {}, US_ALL, '2026-01-14T19:00:00Z', {
      reason: 'outside_hours', zone: 'America/Chicago', opensAt: null, opensAtLocal: null,
      message: 'outside calling hours (America/Chicago, one of 8 possible zones), no opening in the next 14 days',
    }],
    ['no zone at all', {}, [], '2026-03-10T07:00:00Z', {
      reason: 'unknown_time_zone', zone: null, opensAt: null, message: 'time zone unknown: nobody is called (strictest window)',
    }],
    ['a zone the runtime does not know', {}, [IST, 'Mars/Olympus'], '2026-03-10T07:00:00Z', {
      reason: 'unknown_time_zone', zone: 'Mars/Olympus', opensAt: null,
    }],
  ])('%s', (_name, policy, zones, iso, expected) => {
    expect(explainCallingWindow(policy, zones, new Date(iso))).toMatchObject({ callable: false, ...expected });
  });
});
