import { DomainError } from '@santral/contracts';

/**
 * Keyset pagination, one rule for every list: newest first, ordered by (created_at DESC, id DESC).
 * A cursor is the (createdAt, id) of the last row of the previous page, opaque to clients.
 */
export interface CursorPosition {
  /** ISO 8601 UTC with microseconds (`2026-01-02T03:04:05.678901Z`): Postgres' own precision. */
  createdAt: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  /** Rows strictly after this position in newest-first order; null for the first page. */
  after: CursorPosition | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isPosition(createdAt: unknown, id: unknown): boolean {
  return typeof createdAt === 'string' && ISO_UTC.test(createdAt) && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && UUID.test(id);
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify([pos.createdAt, pos.id])).toString('base64url');
}

/** The position a cursor names, or null unless it is exactly `[ISO date, UUID]`. */
export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && isPosition(parsed[0], parsed[1])) {
      return { createdAt: parsed[0] as string, id: (parsed[1] as string).toLowerCase() };
    }
  } catch {
    /* not JSON: fall through */
  }
  return null;
}

/**
 * `limit` and `cursor` as the caller sent them, as a page request; a cursor that is not one we
 * issued is INVALID_CURSOR (400). The limit is the caller's to validate (HTTP: PageQueryDto).
 */
export function pageRequest(limit: number | undefined, cursor: string | undefined): PageRequest {
  const after = decodeCursor(cursor);
  if (cursor !== undefined && after === null) {
    throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned', {
      errors: [{ field: 'cursor', message: 'cursor is not valid' }],
    });
  }
  return { limit: limit ?? DEFAULT_PAGE_SIZE, after };
}

/** A JS date in the cursor's format (a Date holds milliseconds, so the last three digits are 0). */
export function cursorTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

/**
 * Given up to limit + 1 rows, newest first, the page and the cursor to the next one. For rows
 * whose `createdAt` is exact (in-memory sources, fakes); database lists use `keysetPage`, which
 * reads the timestamp at the database's precision.
 */
export function toPage<T extends { id: string; createdAt: Date }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: cursorTimestamp(last.createdAt), id: last.id }) : null;
  return { items, nextCursor };
}
