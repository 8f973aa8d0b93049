import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { encodeCursor, type Page, type PageRequest } from './pagination';

const CURSOR_AT = 'keyset_created_at';
const CURSOR_ID = 'keyset_id';

/**
 * Runs `qb` as one newest-first page over its `created_at` and `id` columns (alias `alias`),
 * reading one extra row to know whether a next page exists. The cursor's timestamp is read
 * from Postgres as text at microsecond precision: a JS Date would round a `timestamptz(6)`
 * value to milliseconds and the next page would repeat or skip rows.
 */
export async function keysetPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, page: PageRequest): Promise<Page<T>> {
  if (page.after) {
    qb.andWhere(`(${alias}.created_at, ${alias}.id) < (CAST(:keysetAfterAt AS timestamptz), CAST(:keysetAfterId AS uuid))`, {
      keysetAfterAt: page.after.createdAt,
      keysetAfterId: page.after.id,
    });
  }
  qb.addSelect(`to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, CURSOR_AT)
    .addSelect(`${alias}.id::text`, CURSOR_ID)
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(page.limit + 1);
  const { entities, raw } = await qb.getRawAndEntities<Record<string, string>>();
  const items = entities.slice(0, page.limit);
  // Raw rows are in query order, one per entity (no joins): the last item's is at limit - 1.
  const last = raw[page.limit - 1];
  if (entities.length <= page.limit || !last) return { items, nextCursor: null };
  return { items, nextCursor: encodeCursor({ createdAt: last[CURSOR_AT], id: last[CURSOR_ID] }) };
}
