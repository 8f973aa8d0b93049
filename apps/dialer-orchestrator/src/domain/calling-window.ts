import { DAY_MS, addDays, instantsOfLocal, localTime, offsetChanges, weekdayOf } from './local-time';

/**
 * Calling windows (REQUIREMENTS D1, DESIGN §7): when a contact may be called, judged in
 * the contact's own time zone(s). With several candidate zones (a number whose region
 * spans zones) a call may start only when EVERY zone allows it; with none, never.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local clock times `HH:MM`; `end` is exclusive and may be `24:00`. */
export interface ClockRange {
  readonly start: string;
  readonly end: string;
}

/** A daily window; without `days` it applies every day of the week. */
export interface DailyWindow extends ClockRange {
  readonly days?: readonly Weekday[];
}

export interface CallingWindowPolicy {
  /** The campaign's daily windows; absent → DEFAULT_CALLING_WINDOWS, empty → never. */
  readonly windows?: readonly DailyWindow[];
  /** Local dates (`YYYY-MM-DD`, e.g. holidays) on which nobody is called. */
  readonly restrictedDates?: readonly string[];
  /** The organization's bounds no campaign window can widen; absent → DEFAULT_OUTER_BOUNDS. */
  readonly outerBounds?: ClockRange;
}

export const DEFAULT_CALLING_WINDOWS: readonly DailyWindow[] = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '17:00' },
];
export const DEFAULT_OUTER_BOUNDS: ClockRange = { start: '09:00', end: '19:00' };
/** How far nextOpening looks ahead. */
export const DEFAULT_HORIZON_DAYS = 14;

const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes since midnight of `HH:MM` (`24:00` → 1440), or null when malformed. */
export function parseClockTime(value: string): number | null {
  const match = typeof value === 'string' ? CLOCK.exec(value) : null;
  if (!match) return null;
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

/** [start, end) in minutes since local midnight. */
type Interval = readonly [number, number];

interface CompiledPolicy {
  /** Per weekday (0 = Sunday): the campaign windows clipped to the outer bounds, sorted. */
  readonly byWeekday: readonly (readonly Interval[])[];
  readonly restricted: ReadonlySet<string>;
  readonly bounds: Interval;
}

// Policies are read-only values; compile each once (a dispatcher asks thousands of times).
const compiled = new WeakMap<CallingWindowPolicy, CompiledPolicy>();

function compile(policy: CallingWindowPolicy): CompiledPolicy {
  let result = compiled.get(policy);
  if (!result) {
    result = compileFresh(policy);
    compiled.set(policy, result);
  }
  return result;
}

function compileFresh(policy: CallingWindowPolicy): CompiledPolicy {
  const bounds = toInterval(policy.outerBounds ?? DEFAULT_OUTER_BOUNDS);
  const byWeekday = WEEKDAYS.map((day) =>
    (policy.windows ?? DEFAULT_CALLING_WINDOWS)
      .filter((window) => !window.days || window.days.includes(day))
      .map((window) => clip(toInterval(window), bounds))
      .filter((interval): interval is Interval => interval !== null)
      .sort((a, b) => a[0] - b[0]),
  );
  return { byWeekday, restricted: new Set(policy.restrictedDates ?? []), bounds };
}

/** Malformed or empty ranges become empty intervals: an invalid policy opens nothing. */
function toInterval(range: ClockRange): Interval {
  const start = parseClockTime(range.start);
  const end = parseClockTime(range.end);
  return start === null || end === null || end <= start ? [0, 0] : [start, end];
}

function clip([start, end]: Interval, [low, high]: Interval): Interval | null {
  const clipped: Interval = [Math.max(start, low), Math.min(end, high)];
  return clipped[0] < clipped[1] ? clipped : null;
}

/** The local intervals during which a call may start on a local date. */
function intervalsOn(policy: CompiledPolicy, date: string): readonly Interval[] {
  return policy.restricted.has(date) ? [] : policy.byWeekday[weekdayOf(date)];
}

function callableInZone(policy: CompiledPolicy, zone: string, at: Date): boolean {
  const local = localTime(zone, at);
  if (!local) return false;
  const second = local.secondOfDay;
  return intervalsOn(policy, local.date).some(([start, end]) => second >= start * 60 && second < end * 60);
}

/** Whether a call may start at `at`: inside the window in every zone; never with no (known) zone. */
export function isCallable(policy: CallingWindowPolicy, zones: readonly string[], at: Date): boolean {
  const rules = compile(policy);
  return zones.length > 0 && zones.every((zone) => callableInZone(rules, zone, at));
}

/**
 * The first instant at or after `after` at which {@link isCallable} holds, or null when
 * nothing opens within `horizonDays` (every day restricted, zones with no common hours).
 */
export function nextOpening(
  policy: CallingWindowPolicy,
  zones: readonly string[],
  after: Date,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): Date | null {
  if (zones.length === 0) return null;
  const rules = compile(policy);
  const limit = after.getTime() + horizonDays * DAY_MS;
  // One day at a time, so the usual answer (today or tomorrow) costs one day's work.
  for (let from = after.getTime(); from <= limit; from += DAY_MS) {
    const to = Math.min(from + DAY_MS, limit);
    for (const candidate of candidatesBetween(rules, zones, from, to)) {
      if (zones.every((zone) => callableInZone(rules, zone, candidate))) return candidate;
    }
  }
  return null;
}

/**
 * The only instants at which "callable" can turn true, in [from, to) (plus `from`): a
 * window opening in some zone (each time its clock reads the start, or the DST jump over
 * it) or an offset change in some zone (a clock set back into a window). Ascending.
 */
function candidatesBetween(rules: CompiledPolicy, zones: readonly string[], from: number, to: number): Date[] {
  const found = new Set<number>([from]);
  for (const zone of zones) {
    const first = localTime(zone, new Date(from));
    const last = localTime(zone, new Date(to));
    if (!first || !last) continue;
    for (let date = first.date; date <= last.date; date = addDays(date, 1)) {
      for (const [start] of intervalsOn(rules, date)) {
        for (const instant of instantsOfLocal(zone, date, start)) {
          const ms = instant.getTime();
          if (ms >= from && ms < to) found.add(ms);
        }
      }
    }
    for (const change of offsetChanges(zone, from, to)) found.add(change.getTime());
  }
  return [...found].sort((a, b) => a - b).map((ms) => new Date(ms));
}

export type ClosedReason = 'restricted_date' | 'outer_bounds' | 'outside_hours' | 'unknown_time_zone';

/** Why no call may start in one zone at `at`, or null when that zone allows it. */
export function closedReasonInZone(policy: CallingWindowPolicy, zone: string, at: Date): ClosedReason | null {
  const rules = compile(policy);
  const local = localTime(zone, at);
  if (!local) return 'unknown_time_zone';
  if (callableInZone(rules, zone, at)) return null;
  if (rules.restricted.has(local.date)) return 'restricted_date';
  const [low, high] = rules.bounds;
  if (local.secondOfDay < low * 60 || local.secondOfDay >= high * 60) return 'outer_bounds';
  return 'outside_hours';
}
