import { isKnownTimeZone, previousLocalDay } from './sample-period';

describe('previousLocalDay', () => {
  it.each([
    ['UTC', '2026-03-10T12:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ['Europe/Istanbul', '2026-03-10T12:00:00.000Z', '2026-03-08T21:00:00.000Z', '2026-03-09T21:00:00.000Z'],
    ['Europe/Istanbul', '2026-03-10T21:00:00.000Z', '2026-03-09T21:00:00.000Z', '2026-03-10T21:00:00.000Z'],
    ['Europe/Istanbul', '2026-03-10T20:59:59.999Z', '2026-03-08T21:00:00.000Z', '2026-03-09T21:00:00.000Z'],
    ['America/New_York', '2026-01-01T03:00:00.000Z', '2026-12-30T05:00:00.000Z'.replace('2026-12-30', '2025-12-30'), '2025-12-31T05:00:00.000Z'],
    // the spring-forward day is 23 hours long, the fall-back day 25
    ['Europe/Berlin', '2026-03-30T12:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-26T12:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
  ])('in %s at %s: [%s, %s)', (zone, now, from, to) => {
    const p = previousLocalDay(new Date(now), zone);
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual([from, to]);
  });

  it('knows IANA zones and refuses others', () => {
    expect(isKnownTimeZone('Europe/Istanbul')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
