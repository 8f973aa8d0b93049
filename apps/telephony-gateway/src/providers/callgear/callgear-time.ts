import { isTimeZoneName } from '@santral/contracts';
import { WebhookPayloadError } from '../provider.port';

/**
 * CallGear writes times as `YYYY-MM-DD hh:mm:ss` without a zone: the wall clock of the CallGear
 * account. They are read in the provider account's `settings.timeZone` (IANA, default UTC), never
 * in the server's zone, so every replica turns one notification into the same instant (and the
 * same dedupe key). Times with `Z` or an offset, and epoch numbers, are taken as they are.
 */
export const DEFAULT_CALLGEAR_TIME_ZONE = 'UTC';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The problem with an account's `settings.timeZone`, if any (for validateConfig). */
export function timeZoneSettingProblems(settings: Record<string, unknown>): string[] {
  return settings.timeZone === undefined || isTimeZoneName(settings.timeZone) ? [] : ['settings.timeZone must be an IANA time zone (e.g. Europe/Istanbul)'];
}

/** The zone an account's CallGear times are read in. */
export function callGearTimeZone(settings: Record<string, unknown>): string {
  return isTimeZoneName(settings.timeZone) ? settings.timeZone : DEFAULT_CALLGEAR_TIME_ZONE;
}

/** `YYYY-MM-DD hh:mm:ss`: the wall clock of `timeZone` at `d` (the form CallGear reads and writes). */
export function formatWallClock(d: Date, timeZone: string): string {
  return new Date(d.getTime() - (d.getTime() % 1000) + offsetAt(d.getTime(), timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time names in `timeZone`; one in a DST gap or overlap still maps to one fixed instant. */
export function wallClockToInstant(wall: number, timeZone: string): number {
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return Math.min(first, second);
}

function readString(v: string, timeZone: string): Date | undefined {
  const m = WALL_CLOCK.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, frac] = m;
    const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
    const back = new Date(wall);
    // Date.UTC rolls 2024-02-31 over to March: refuse dates that do not exist.
    if (back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h) || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
    return new Date(wallClockToInstant(wall, timeZone));
  }
  return WITH_ZONE.test(v) ? new Date(v.replace(' ', 'T')) : undefined;
}

/** A CallGear time field: absent → `fallback`; a malformed one → WebhookPayloadError. */
export function callGearTimestamp(obj: Record<string, unknown>, key: string, timeZone: string, fallback: Date): Date {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return fallback;
  const d = typeof v === 'number' && Number.isFinite(v) ? new Date(v > 1e12 ? v : v * 1000) : typeof v === 'string' ? readString(v.trim(), timeZone) : undefined;
  if (!d || Number.isNaN(d.getTime()) || d.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2200) throw new WebhookPayloadError(`${key} must be a timestamp`);
  return d;
}
