import type { CallingWindowV1, Weekday } from '@santral/contracts';

const DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Local weekday, date and minute of day of `at` in `zone`. */
function local(at: Date, zone: string): { day: Weekday; date: string; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: DAYS[DAYS.findIndex((d) => d === String(parts.weekday).slice(0, 3).toLowerCase())]!, date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type CallingHours = { open: true } | { open: false; until: string | null; restricted: boolean };

/**
 * Whether `zone`'s local time at `at` is inside a calling window; when not, the start of the next
 * window today (`14:00`), or null when no window is left today. Pure; the dialer's own check decides.
 */
export function callingHours(windows: readonly CallingWindowV1[], restrictedDates: readonly string[], zone: string, at: Date): CallingHours {
  const t = local(at, zone);
  if (restrictedDates.includes(t.date)) return { open: false, until: null, restricted: true };
  const today = windows.filter((w) => !w.days || w.days.includes(t.day));
  if (today.some((w) => minutes(w.start) <= t.minute && t.minute < minutes(w.end))) return { open: true };
  const next = today.filter((w) => minutes(w.start) > t.minute).sort((a, b) => minutes(a.start) - minutes(b.start))[0];
  return { open: false, until: next?.start ?? null, restricted: false };
}
