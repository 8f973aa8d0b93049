import { DAY_MS } from './local-time';

/** At most `maxCalls` calls to one number in any `perDays` × 24 h (DESIGN §7). */
export interface FrequencyCap {
  readonly maxCalls: number;
  readonly perDays: number;
}

/** Calls counted against `at`: those after at − perDays (a call exactly perDays ago no longer counts). */
function callsInPeriod(cap: FrequencyCap, callTimes: readonly Date[], at: Date): number[] {
  const since = at.getTime() - cap.perDays * DAY_MS;
  return callTimes.map((time) => time.getTime()).filter((ms) => ms > since);
}

/** Whether one more call to the number may start at `at`, given when it was called before. */
export function frequencyCapAllows(cap: FrequencyCap | undefined, callTimes: readonly Date[], at: Date): boolean {
  return !cap || callsInPeriod(cap, callTimes, at).length < cap.maxCalls;
}

/** The earliest instant at or after `at` at which the cap allows one more call. */
export function earliestUnderFrequencyCap(cap: FrequencyCap | undefined, callTimes: readonly Date[], at: Date): Date {
  if (!cap) return at;
  const recent = callsInPeriod(cap, callTimes, at).sort((a, b) => b - a);
  if (recent.length < cap.maxCalls) return at;
  // Once the maxCalls-th most recent call leaves the period, only maxCalls − 1 remain in it.
  return new Date(Math.max(at.getTime(), recent[cap.maxCalls - 1] + cap.perDays * DAY_MS));
}
