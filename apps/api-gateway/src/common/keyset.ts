import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PageRequest } from './pagination';

/** Newest-first keyset page over (created_at, id), reading one extra row to detect a next page. */
export function applyKeysetPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, page: PageRequest): SelectQueryBuilder<T> {
  if (page.after) {
    qb.andWhere(`(${alias}.created_at, ${alias}.id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid))`, {
      afterCreatedAt: page.after.createdAt,
      afterId: page.after.id,
    });
  }
  return qb.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').limit(page.limit + 1);
}
