/** Pure: the period a quality sample covers. No framework, no I/O. */

const DAY_MS = 86_400_000;

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instantMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant the local calendar day (y, m, d) begins in the zone (DST-safe: the offset is re-read at the guess). */
function startOfLocalDay(y: number, m: number, d: number, timeZone: string): number {
  const wall = Date.UTC(y, m, d);
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}

/** The previous full calendar day in the zone, as [from, to). */
export function previousLocalDay(now: Date, timeZone: string): { from: Date; to: Date } {
  const local = new Date(now.getTime() + offsetAt(now.getTime(), timeZone));
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
  const today = startOfLocalDay(y, m, d, timeZone);
  const yesterday = new Date(Date.UTC(y, m, d) - DAY_MS);
  return { from: new Date(startOfLocalDay(yesterday.getUTCFullYear(), yesterday.getUTCMonth(), yesterday.getUTCDate(), timeZone)), to: new Date(today) };
}

/** True when the zone is one Intl knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
