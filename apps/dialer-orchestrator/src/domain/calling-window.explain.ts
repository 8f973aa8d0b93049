import {
  type CallingWindowPolicy,
  type ClosedReason,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_OUTER_BOUNDS,
  closedReasonInZone,
  nextOpening,
} from './calling-window';
import { localTime } from './local-time';

/** For diagnostics (D5): may a call start now, and if not, why and until when. */
export type CallingWindowStatus =
  | { readonly callable: true }
  | {
      readonly callable: false;
      readonly reason: ClosedReason;
      /** The zone that forbids it (the first such of the candidates); null when no zone is known. */
      readonly zone: string | null;
      /** When every zone next allows a call; null when nothing opens within the horizon. */
      readonly opensAt: Date | null;
      /** `opensAt` on the wall clock of `zone`: `HH:MM` today there, else `YYYY-MM-DD HH:MM`. */
      readonly opensAtLocal: string | null;
      /** e.g. "outside calling hours (Europe/Istanbul) until 14:00" */
      readonly message: string;
    };

const REASON_TEXT: Record<ClosedReason, string> = {
  restricted_date: 'restricted date',
  outer_bounds: "outside the organization's calling hours",
  outside_hours: 'outside calling hours',
  unknown_time_zone: 'time zone unknown',
};

export function explainCallingWindow(
  policy: CallingWindowPolicy,
  zones: readonly string[],
  at: Date,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): CallingWindowStatus {
  if (zones.length === 0) return closed('unknown_time_zone', null, null, null, 'time zone unknown: nobody is called (strictest window)');
  for (const zone of zones) {
    const reason = closedReasonInZone(policy, zone, at);
    if (!reason) continue;
    if (reason === 'unknown_time_zone') return closed(reason, zone, null, null, `time zone unknown (${zone}): nobody is called`);
    const opensAt = nextOpening(policy, zones, at, horizonDays);
    const opensAtLocal = opensAt && wallClockLabel(zone, at, opensAt);
    return closed(reason, zone, opensAt, opensAtLocal, message(policy, reason, zone, zones, at, opensAtLocal, horizonDays));
  }
  return { callable: true };
}

function closed(
  reason: ClosedReason,
  zone: string | null,
  opensAt: Date | null,
  opensAtLocal: string | null,
  text: string,
): CallingWindowStatus {
  return { callable: false, reason, zone, opensAt, opensAtLocal, message: text };
}

function message(
  policy: CallingWindowPolicy,
  reason: ClosedReason,
  zone: string,
  zones: readonly string[],
  at: Date,
  opensAtLocal: string | null,
  horizonDays: number,
): string {
  const bounds = policy.outerBounds ?? DEFAULT_OUTER_BOUNDS;
  const what =
    reason === 'restricted_date'
      ? `${REASON_TEXT[reason]} ${localTime(zone, at)?.date}`
      : reason === 'outer_bounds'
        ? `${REASON_TEXT[reason]} ${bounds.start}–${bounds.end}`
        : REASON_TEXT[reason];
  const where = zones.length > 1 ? `${zone}, one of ${zones.length} possible zones` : zone;
  const until = opensAtLocal ? ` until ${opensAtLocal}` : `, no opening in the next ${horizonDays} days`;
  return `${what} (${where})${until}`;
}

function wallClockLabel(zone: string, now: Date, then: Date): string | null {
  const today = localTime(zone, now);
  const local = localTime(zone, then);
  if (!today || !local) return null;
  const minutes = Math.floor(local.secondOfDay / 60);
  const clock = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  return local.date === today.date ? clock : `${local.date} ${clock}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
