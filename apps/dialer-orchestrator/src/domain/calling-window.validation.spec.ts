import type { CallingWindowPolicy, Weekday } from './calling-window';
import { validateCallingWindowPolicy } from './calling-window.validation';

describe('validateCallingWindowPolicy', () => {
  it.each<[string, CallingWindowPolicy]>([
    ['the defaults (nothing given)', {}],
    ['the defaults written out', { windows: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:00' }], outerBounds: { start: '09:00', end: '19:00' } }],
    ['weekday windows and holidays', { windows: [{ start: '10:00', end: '13:00', days: ['sat', 'sun'] }], restrictedDates: ['2026-01-01', '2026-04-23'] }],
    ['bounds to midnight', { windows: [{ start: '20:00', end: '24:00' }], outerBounds: { start: '00:00', end: '24:00' } }],
  ])('accepts %s', (_name, policy) => {
    expect(validateCallingWindowPolicy(policy)).toEqual([]);
  });

  it.each<[string, CallingWindowPolicy, { field: string; message: string }[]]>([
    ['end before start', { windows: [{ start: '12:00', end: '09:00' }] }, [{ field: 'windows.0.end', message: 'must be after start' }]],
    ['end equal to start', { windows: [{ start: '09:00', end: '09:00' }] }, [{ field: 'windows.0.end', message: 'must be after start' }]],
    ['malformed times', { windows: [{ start: '9:00', end: '25:00' }] }, [
      { field: 'windows.0.start', message: 'must be a time of day HH:MM' },
      { field: 'windows.0.end', message: 'must be a time of day HH:MM (24:00 for midnight)' },
    ]],
    ['24:00 as a start', { windows: [{ start: '24:00', end: '24:00' }] }, [{ field: 'windows.0.start', message: 'must be a time of day HH:MM' }]],
    ['no windows', { windows: [] }, [{ field: 'windows', message: 'must have at least one window' }]],
    ['too many windows', { windows: Array.from({ length: 13 }, () => ({ start: '09:00', end: '10:00' })) }, [{ field: 'windows', message: 'must have at most 12 windows' }]],
    ['a window outside the organization bounds', { windows: [{ start: '09:00', end: '12:00' }, { start: '19:00', end: '21:00' }] }, [
      { field: 'windows.1', message: "lies outside the organization's calling hours 09:00–19:00" },
    ]],
    ['bad outer bounds', { outerBounds: { start: '19:00', end: '09:00' } }, [{ field: 'outerBounds.end', message: 'must be after start' }]],
    ['an empty days list', { windows: [{ start: '09:00', end: '12:00', days: [] }] }, [{ field: 'windows.0.days', message: 'must name at least one day (omit it for every day)' }]],
    ['an unknown and a repeated day', { windows: [{ start: '09:00', end: '12:00', days: ['mon', 'monday' as Weekday, 'mon'] }] }, [
      { field: 'windows.0.days.1', message: 'must be one of sun, mon, tue, wed, thu, fri, sat' },
      { field: 'windows.0.days.2', message: 'repeats mon' },
    ]],
    ['restricted dates that are no dates', { restrictedDates: ['2026-02-30', '01.01.2026', '2026-01-01'] }, [
      { field: 'restrictedDates.0', message: 'must be a calendar date YYYY-MM-DD' },
      { field: 'restrictedDates.1', message: 'must be a calendar date YYYY-MM-DD' },
    ]],
  ])('rejects %s', (_name, policy, errors) => {
    expect(validateCallingWindowPolicy(policy)).toEqual(errors);
  });
});
