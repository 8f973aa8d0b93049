import { getCountries } from 'libphonenumber-js/core';
import { METADATA } from './phone-metadata';
import { STRICTEST_WINDOW_NOTE, timeZonesForNumber } from './index';
import { COUNTRY_TIME_ZONES, NANP_AREA_CODES_BY_ZONE, NANP_AREA_CODE_ZONES } from './time-zones.data';

const US_ZONES = COUNTRY_TIME_ZONES.US;

describe('timeZonesForNumber', () => {
  it.each([
    ['+905551234567', ['Europe/Istanbul']],
    ['+84912345678', ['Asia/Ho_Chi_Minh']],
    ['+442079460958', ['Europe/London']],
    ['+447624369230', ['Europe/Isle_of_Man']],
    ['+4930901820', ['Europe/Berlin']],
    ['+33612345678', ['Europe/Paris']],
    ['+390612345678', ['Europe/Rome']],
    ['+919876543210', ['Asia/Kolkata']],
    ['+18765551234', ['America/Jamaica']],
  ])('single-zone country: %s → %j', (e164, zones) => {
    expect(timeZonesForNumber(e164)).toStrictEqual({ zones, source: 'country' });
  });

  it.each([
    ['+79161234567', 'RU', 12],
    ['+77011234567', 'KZ', 7],
    ['+61412345678', 'AU', 7],
    ['+5511912345678', 'BR', 4],
    ['+525512345678', 'MX', 8],
    ['+6281234567890', 'ID', 3],
  ])('multi-zone country: %s → all %s zones', (e164, country, count) => {
    const result = timeZonesForNumber(e164);
    expect(result).toStrictEqual({ zones: [...COUNTRY_TIME_ZONES[country]], source: 'country' });
    expect(result.zones).toHaveLength(count);
  });

  it.each([
    ['+14155552671', 'America/Los_Angeles'],
    ['+12125551234', 'America/New_York'],
    ['+13125550100', 'America/Chicago'],
    ['+13035550100', 'America/Denver'],
    ['+16025550100', 'America/Phoenix'],
    ['+13134567890', 'America/Detroit'],
    ['+18085551234', 'Pacific/Honolulu'],
    ['+14165550123', 'America/Toronto'],
    ['+16045550100', 'America/Vancouver'],
    ['+14035550100', 'America/Edmonton'],
    ['+1 (212) 555-1234', 'America/New_York'],
  ])('US/CA area code narrows: %s → %s', (e164, zone) => {
    expect(timeZonesForNumber(e164)).toStrictEqual({ zones: [zone], source: 'number_region' });
  });

  it.each([
    ['+12084567890', 'split area code 208 (Idaho)'],
    ['+19075551234', 'split area code 907 (Alaska)'],
  ])('%s (%s) → every US zone', (e164) => {
    expect(timeZonesForNumber(e164)).toStrictEqual({ zones: [...US_ZONES], source: 'country' });
  });

  it('an invalid +1 number with an unknown area code → zones of every +1 country we know', () => {
    const result = timeZonesForNumber('+15551234567');
    expect(result.source).toBe('country');
    expect(result.zones).toEqual(expect.arrayContaining([...US_ZONES, ...COUNTRY_TIME_ZONES.CA, 'America/Jamaica']));
    expect(new Set(result.zones).size).toBe(result.zones.length);
  });

  it.each([
    ['+80012345678', 'non-geographic'],
    ['+999123456', 'unknown calling code'],
    ['0555 123 45 67', 'national form'],
    ['garbage', 'not a number'],
    ['', 'empty'],
    ['+' + '1'.repeat(70), 'too long'],
  ])('%j (%s) → unknown', (input) => {
    expect(timeZonesForNumber(input)).toStrictEqual({ zones: [], source: 'unknown' });
  });

  it('returns a fresh array each time', () => {
    timeZonesForNumber('+79161234567').zones.length = 0;
    timeZonesForNumber('+14155552671').zones.push('Mars/Olympus_Mons');
    expect(timeZonesForNumber('+79161234567').zones).toHaveLength(12);
    expect(timeZonesForNumber('+14155552671').zones).toStrictEqual(['America/Los_Angeles']);
  });

  it('documents the strictest-window rule', () => {
    expect(STRICTEST_WINDOW_NOTE).toMatch(/every zone.*strictest window/s);
  });
});

describe('time zone data', () => {
  const allZones = [...Object.values(COUNTRY_TIME_ZONES).flat(), ...NANP_AREA_CODE_ZONES.values()];

  it.each([...new Set(allZones)])('%s is a time zone Node knows', (zone) => {
    expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });

  it('covers at least 60 countries, all known to libphonenumber-js', () => {
    const known = new Set(getCountries(METADATA));
    const countries = Object.keys(COUNTRY_TIME_ZONES);
    expect(countries.length).toBeGreaterThanOrEqual(60);
    expect(countries.filter((c) => !known.has(c as never))).toStrictEqual([]);
  });

  it('lists each area code under one zone only, as three digits', () => {
    const listed = Object.values(NANP_AREA_CODES_BY_ZONE).flatMap((codes) => codes.split(' '));
    expect(listed.filter((code) => !/^[2-9]\d\d$/.test(code))).toStrictEqual([]);
    expect(NANP_AREA_CODE_ZONES.size).toBe(listed.length);
  });
});
