import { DomainError } from '@santral/contracts';
import { cursorTimestamp, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, pageRequest, toPage } from './pagination';

const ID = '0190a000-0000-7000-8000-00000000000a';
const AT = '2026-01-02T03:04:05.678901Z';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursors', () => {
  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor({ createdAt: AT, id: ID }))).toEqual({ createdAt: AT, id: ID });
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['an object', raw({ createdAt: AT, id: ID })],
    ['three members', raw([AT, ID, 'x'])],
    ['a date that is not ISO', raw(['2026', ID])],
    ['a local time', raw(['2026-01-02T03:04:05', ID])],
    ['an impossible date', raw(['2026-13-45T03:04:05.000Z', ID])],
    ['SQL in the date', raw(["2026-01-02T03:04:05Z' OR 1=1 --", ID])],
    ['an id that is not a UUID', raw([AT, '42'])],
    ['a number for the id', raw([AT, 42])],
  ])('decodes %s to null', (_name, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('pageRequest', () => {
  it('is the first page of the default size without a cursor', () => {
    expect(pageRequest(undefined, undefined)).toEqual({ limit: DEFAULT_PAGE_SIZE, after: null });
  });

  it('starts after the position a cursor names', () => {
    expect(pageRequest(10, encodeCursor({ createdAt: AT, id: ID }))).toEqual({ limit: 10, after: { createdAt: AT, id: ID } });
  });

  it.each(['', 'not-a-cursor', raw(['2026', ID])])('refuses %p as INVALID_CURSOR (400) naming the field', (cursor) => {
    let error: unknown;
    try {
      pageRequest(10, cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).toProblem()).toMatchObject({ status: 400, code: 'INVALID_CURSOR', errors: [{ field: 'cursor' }] });
  });
});

describe('toPage', () => {
  const rows = [3, 2, 1].map((s) => ({ id: `0190a000-0000-7000-8000-00000000000${s}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, s)) }));

  it('keeps limit rows and points the cursor at the last one, in the one cursor format', () => {
    const page = toPage(rows, 2);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor ?? undefined)).toEqual({ createdAt: '2026-01-01T00:00:02.000000Z', id: rows[1].id });
  });

  it('has no next cursor when no extra row came back', () => {
    expect(toPage(rows, 3)).toEqual({ items: rows, nextCursor: null });
  });

  it('writes timestamps with microseconds, as Postgres does', () => {
    expect(cursorTimestamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678000Z');
  });
});
