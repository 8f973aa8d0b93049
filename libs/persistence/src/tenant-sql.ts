import type { OrgId } from './tenant';

/** Anything that runs SQL: a TypeORM EntityManager (the caller's transaction) or DataSource. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Raw SQL over tenant-owned rows: the organization is always `$1`, so a statement written
 * without an `OrgId` does not compile and one that never reads `$1` is refused at run time.
 * The caller's own parameters are `$2`, `$3`, ...
 */
export async function tenantQuery<R = Record<string, unknown>>(
  db: Queryable,
  orgId: OrgId,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  if (!/\$1(?!\d)/.test(sql)) throw new Error('tenantQuery: the statement must filter by the organization ($1)');
  return rowsOf<R>(await db.query(sql, [orgId, ...params]));
}

/**
 * The rows of a result: TypeORM's postgres driver answers UPDATE and DELETE with
 * `[rows, affectedCount]` (SELECT and INSERT with the rows), so `RETURNING` of an UPDATE
 * would otherwise look like two rows even when it matched none.
 */
export function rowsOf<R>(result: unknown): R[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as R[];
  return result as R[];
}
