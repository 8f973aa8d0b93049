import { callGearTimeZone, timeZoneSettingProblems, wallClockToInstant } from './callgear-time';

describe('CallGear account time zone', () => {
  it('settings.timeZone must be an IANA zone; absent means UTC', () => {
    expect(timeZoneSettingProblems({})).toEqual([]);
    expect(timeZoneSettingProblems({ timeZone: 'Europe/Istanbul' })).toEqual([]);
    for (const bad of ['Mars/Olympus', '', 3, null]) expect(timeZoneSettingProblems({ timeZone: bad })).toEqual([expect.stringContaining('settings.timeZone')]);
    expect(callGearTimeZone({})).toBe('UTC');
    expect(callGearTimeZone({ timeZone: 'Asia/Tokyo' })).toBe('Asia/Tokyo');
    expect(timeZoneSettingProblems({ timeZone: 'x'.repeat(65) })).toEqual([expect.stringContaining('settings.timeZone')]);
  });

  it('maps a wall clock to one instant, also inside a DST gap or overlap', () => {
    expect(new Date(wallClockToInstant(Date.UTC(2024, 0, 15, 12), 'America/New_York')).toISOString()).toBe('2024-01-15T17:00:00.000Z');
    for (const wall of [Date.UTC(2024, 2, 31, 2, 30), Date.UTC(2024, 9, 27, 2, 30)]) {
      const once = wallClockToInstant(wall, 'Europe/Berlin');
      expect(wallClockToInstant(wall, 'Europe/Berlin')).toBe(once);
      expect(Math.abs(once - wall)).toBeLessThanOrEqual(2 * 3600_000);
    }
  });
});
