import { MAX_PHONE_INPUT_LENGTH } from './phone.types';
import { NO_COUNTRY_OPTIONS, cleanPhoneInput, countriesForCallingCode, parse } from './phone-metadata';
import { COUNTRY_TIME_ZONES, NANP_AREA_CODE_ZONES } from './time-zones.data';

export type TimeZoneSource = 'number_region' | 'country' | 'unknown';

export interface NumberTimeZones {
  /** IANA zone names; empty when unknown. A fresh array the caller may keep or change. */
  zones: string[];
  /** number_region: narrowed below country level (US/CA area code); country: every zone of the country. */
  source: TimeZoneSource;
}

/**
 * How callers use {@link timeZonesForNumber} for calling windows:
 * with several zones, a call may start only when the local time in EVERY listed zone is
 * inside the window (the number could be in any of them); with no zones (source "unknown"),
 * apply the strictest window the organization has. Never guess a single zone.
 */
export const STRICTEST_WINDOW_NOTE =
  'Several zones: allow a call only when the time is inside the window in every zone. ' +
  'No zones (unknown): apply the strictest window.';

/**
 * The IANA time zone(s) a number's region implies. Takes E.164 (`+14155552671`); other
 * international spellings parse too, national numbers do not (no default country here).
 * +1 numbers whose area code lies in one zone → that zone (`number_region`); a known
 * country → all its zones (`country`); a shared calling code whose country the number does
 * not reveal → the zones of all those countries; non-geographic or unparsable → unknown.
 */
export function timeZonesForNumber(e164: string): NumberTimeZones {
  if (typeof e164 !== 'string' || e164.length > MAX_PHONE_INPUT_LENGTH) return unknown();
  const number = parse(cleanPhoneInput(e164), NO_COUNTRY_OPTIONS);
  if (!number) return unknown();
  if (number.countryCallingCode === '1') {
    const zone = NANP_AREA_CODE_ZONES.get(number.nationalNumber.slice(0, 3));
    if (zone) return { zones: [zone], source: 'number_region' };
  }
  const countries = number.country ? [number.country] : countriesForCallingCode(number.countryCallingCode);
  const zones: string[] = [];
  for (const country of countries) {
    for (const zone of COUNTRY_TIME_ZONES[country] ?? []) if (!zones.includes(zone)) zones.push(zone);
  }
  return zones.length ? { zones, source: 'country' } : unknown();
}

function unknown(): NumberTimeZones {
  return { zones: [], source: 'unknown' };
}
