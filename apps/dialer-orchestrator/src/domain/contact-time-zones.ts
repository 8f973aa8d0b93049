import type { TimeZoneSource } from '@santral/contracts';
import { timeZonesForNumber } from '@santral/phone';
import { isKnownTimeZone } from './local-time';

/** The zone(s) a contact's calling window is judged in, and where they came from (DESIGN §7). */
export interface ContactTimeZones {
  /** One zone, or every zone the number's region spans (the window must hold in all of them). */
  readonly zones: string[];
  readonly source: TimeZoneSource;
}

export interface ContactTimeZoneInput {
  /** The zone given with the contact (call list column). */
  readonly given?: string | null;
  /** The contact's number in E.164. */
  readonly number?: string | null;
  /** The organization's default zone. */
  readonly organization?: string | null;
}

/**
 * Given zone, else the number's region (libs/phone), else the organization's; `unknown`
 * with no zones when none is usable, which {@link isCallable} treats as never callable.
 * A given or organization zone the runtime does not know is skipped like a missing one.
 */
export function contactTimeZones(input: ContactTimeZoneInput): ContactTimeZones {
  if (input.given && isKnownTimeZone(input.given)) return { zones: [input.given], source: 'given' };
  // Kept whole: dropping a zone this runtime lacks would widen the intersection.
  const fromNumber = input.number ? timeZonesForNumber(input.number).zones : [];
  if (fromNumber.length > 0) return { zones: fromNumber, source: 'number' };
  if (input.organization && isKnownTimeZone(input.organization)) {
    return { zones: [input.organization], source: 'organization_default' };
  }
  return { zones: [], source: 'unknown' };
}
