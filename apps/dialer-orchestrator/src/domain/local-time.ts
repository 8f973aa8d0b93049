/**
 * Wall-clock time in an IANA zone, from the runtime's ICU data (Intl.DateTimeFormat).
 * Pure: every instant is a parameter. Offsets and DST come from ICU, never from a table.
 */

const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** The local calendar date and time of one instant in one zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
  /** Seconds since local midnight (0 … 86 399). */
  readonly secondOfDay: number;
}

// Building a DateTimeFormat costs far more than using one; a zone gets one for the process.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      formatter = null; // not an IANA zone this runtime knows
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && formatterFor(zone) !== null;
}

/** The local wall clock at `ms` written as if it were UTC (ms since epoch), or null for an unknown zone. */
function wallClockMs(zone: string, ms: number): number | null {
  const formatter = formatterFor(zone);
  if (!formatter) return null;
  const part: Record<string, number> = {};
  for (const { type, value } of formatter.formatToParts(ms)) part[type] = Number(value);
  return Date.UTC(part.year, part.month - 1, part.day, part.hour % 24, part.minute, part.second);
}

/** UTC offset of `zone` at instant `ms`, in ms (east positive), or null for an unknown zone. */
export function offsetMs(zone: string, ms: number): number | null {
  const whole = Math.floor(ms / 1000) * 1000;
  const wall = wallClockMs(zone, whole);
  return wall === null ? null : wall - whole;
}

export function localTime(zone: string, at: Date): LocalTime | null {
  const wall = wallClockMs(zone, at.getTime());
  if (wall === null) return null;
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  return {
    date: new Date(midnight).toISOString().slice(0, 10),
    weekday: new Date(midnight).getUTCDay(),
    secondOfDay: Math.floor((wall - midnight) / 1000),
  };
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * The instants at which the wall clock of `zone` reads `date` + `minuteOfDay`, ascending:
 * one as a rule, two when the clock is set back over it, and when that wall time does not
 * exist (DST gap) the one moment the clock jumps past it. Empty for an unknown zone.
 */
export function instantsOfLocal(zone: string, date: string, minuteOfDay: number): Date[] {
  const wall = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE_MS;
  // Offsets a day either side: no zone changes its offset twice within two days.
  const before = offsetMs(zone, wall - DAY_MS);
  const after = offsetMs(zone, wall + DAY_MS);
  if (before === null || after === null) return [];
  const exact = [...new Set([wall - before, wall - after])].filter((ms) => wallClockMs(zone, ms) === wall);
  if (exact.length > 0) return exact.sort((a, b) => a - b).map((ms) => new Date(ms));
  return [new Date(firstMinuteWithOffset(zone, wall - after, wall - before, after))];
}

/** Binary search for the first whole minute in [lo, hi] at which the zone has offset `target`. */
function firstMinuteWithOffset(zone: string, lo: number, hi: number, target: number): number {
  let low = Math.floor(lo / MINUTE_MS);
  let high = Math.ceil(hi / MINUTE_MS);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (offsetMs(zone, mid * MINUTE_MS) === target) high = mid;
    else low = mid + 1;
  }
  return high * MINUTE_MS;
}

/** Instants in [from, to] at which `zone` changes its UTC offset (DST starts and ends). */
export function offsetChanges(zone: string, from: number, to: number): Date[] {
  const changes: Date[] = [];
  const step = DAY_MS / 2;
  let previous = offsetMs(zone, from);
  for (let start = from; previous !== null && start < to; start += step) {
    const end = Math.min(start + step, to);
    const next = offsetMs(zone, end);
    if (next !== null && next !== previous) changes.push(new Date(firstMinuteWithOffset(zone, start, end, next)));
    previous = next;
  }
  return changes;
}
