import { decodeCursor, encodeCursor, type CursorPosition, type Page } from '@santral/persistence';
import { DomainError } from '@santral/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  limit: number;
  /** Rows strictly after this (createdAt, id) position in newest-first order. */
  after: CursorPosition | null;
}

/** Turns `?limit=&cursor=` into a page request; a cursor we did not issue is INVALID_CURSOR. */
export function pageRequest(limit: number | undefined, cursor: string | undefined): PageRequest {
  const after = decodeCursor(cursor);
  if (cursor !== undefined && (after === null || Number.isNaN(Date.parse(after.createdAt)) || !UUID.test(after.id))) {
    throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned', {
      errors: [{ field: 'cursor', message: 'cursor is not valid' }],
    });
  }
  return { limit: limit ?? DEFAULT_PAGE_SIZE, after };
}

/** Given up to limit + 1 rows, newest first, returns the page and the cursor to the next one. */
export function toPage<T extends { id: string; createdAt: Date }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null;
  return { items, nextCursor };
}
