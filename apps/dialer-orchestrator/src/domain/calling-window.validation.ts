import {
  type CallingWindowPolicy,
  type ClockRange,
  DEFAULT_OUTER_BOUNDS,
  WEEKDAYS,
  type Weekday,
  parseClockTime,
} from './calling-window';
import type { FieldError } from './field-error';

export const MAX_WINDOWS = 12;
export const MAX_RESTRICTED_DATES = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Everything wrong with a calling-window policy; empty when it is usable. */
export function validateCallingWindowPolicy(policy: CallingWindowPolicy): FieldError[] {
  const errors: FieldError[] = [];
  const bounds = policy.outerBounds ?? DEFAULT_OUTER_BOUNDS;
  if (policy.outerBounds) errors.push(...rangeErrors(policy.outerBounds, 'outerBounds'));
  const windows = policy.windows;
  if (windows !== undefined) {
    if (windows.length === 0) errors.push({ field: 'windows', message: 'must have at least one window' });
    if (windows.length > MAX_WINDOWS) errors.push({ field: 'windows', message: `must have at most ${MAX_WINDOWS} windows` });
    windows.forEach((window, i) => {
      const field = `windows.${i}`;
      const own = rangeErrors(window, field);
      errors.push(...own, ...daysErrors(window.days, `${field}.days`));
      if (own.length === 0 && rangeErrors(bounds, '').length === 0 && !overlaps(window, bounds)) {
        errors.push({ field, message: `lies outside the organization's calling hours ${bounds.start}–${bounds.end}` });
      }
    });
  }
  errors.push(...datesErrors(policy.restrictedDates));
  return errors;
}

function rangeErrors(range: ClockRange, field: string): FieldError[] {
  const start = parseClockTime(range.start);
  const end = parseClockTime(range.end);
  const errors: FieldError[] = [];
  if (start === null || start === 24 * 60) errors.push({ field: `${field}.start`, message: 'must be a time of day HH:MM' });
  if (end === null) errors.push({ field: `${field}.end`, message: 'must be a time of day HH:MM (24:00 for midnight)' });
  if (errors.length === 0 && end! <= start!) errors.push({ field: `${field}.end`, message: 'must be after start' });
  return errors;
}

function overlaps(a: ClockRange, b: ClockRange): boolean {
  return parseClockTime(a.start)! < parseClockTime(b.end)! && parseClockTime(b.start)! < parseClockTime(a.end)!;
}

function daysErrors(days: readonly Weekday[] | undefined, field: string): FieldError[] {
  if (days === undefined) return [];
  if (days.length === 0) return [{ field, message: 'must name at least one day (omit it for every day)' }];
  const errors: FieldError[] = [];
  days.forEach((day, i) => {
    if (!(WEEKDAYS as readonly string[]).includes(day)) errors.push({ field: `${field}.${i}`, message: `must be one of ${WEEKDAYS.join(', ')}` });
    else if (days.indexOf(day) !== i) errors.push({ field: `${field}.${i}`, message: `repeats ${day}` });
  });
  return errors;
}

function datesErrors(dates: readonly string[] | undefined): FieldError[] {
  if (dates === undefined) return [];
  if (dates.length > MAX_RESTRICTED_DATES) {
    return [{ field: 'restrictedDates', message: `must have at most ${MAX_RESTRICTED_DATES} dates` }];
  }
  return dates.flatMap((date, i) =>
    isCalendarDate(date) ? [] : [{ field: `restrictedDates.${i}`, message: 'must be a calendar date YYYY-MM-DD' }],
  );
}

function isCalendarDate(value: string): boolean {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
