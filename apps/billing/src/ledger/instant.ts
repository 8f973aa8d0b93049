import { DomainError } from '@santral/contracts';

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

/** A filter instant as Postgres reads it; outside 1970–9999 (year 0 and the like) is VALIDATION_FAILED, not a database error. */
export function instant(value: string, field: string): string;
export function instant(value: string | undefined, field: string): string | undefined;
export function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!(ms >= EARLIEST && ms <= LATEST)) throw DomainError.validation([{ field, message: `${field} must be between 1970 and 9999` }]);
  return new Date(ms).toISOString();
}
