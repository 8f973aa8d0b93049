import { preparedQuery, type Queryable } from './prepared-query';
import type { OrgId } from './tenant';

export type { Queryable } from './prepared-query';

/**
 * Raw SQL over tenant-owned rows: the organization is always `$1`, so a statement written
 * without an `OrgId` does not compile and one that never reads `$1` is refused at run time.
 * The caller's own parameters are `$2`, `$3`, ... Inside a transaction it runs as a prepared
 * statement (`preparedQuery`).
 */
export async function tenantQuery<R = Record<string, unknown>>(
  db: Queryable,
  orgId: OrgId,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  if (!/\$1(?!\d)/.test(sql)) throw new Error('tenantQuery: the statement must filter by the organization ($1)');
  return preparedQuery<R>(db, sql, [orgId, ...params]);
}

/**
 * Raw SQL over the rows of several organizations at once (a batch written in one statement):
 * `$1` is their ids as `uuid[]` — one per row of the batch, aligned with the caller's arrays, or
 * each organization once — and the statement filters or joins on it, so no row outside those
 * organizations is read or written. Like `tenantQuery`, the ids must be `OrgId`s and `$1` must
 * be read.
 */
export async function tenantsQuery<R = Record<string, unknown>>(
  db: Queryable,
  orgIds: readonly OrgId[],
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  if (!/\$1(?!\d)/.test(sql)) throw new Error('tenantsQuery: the statement must filter by the organizations ($1)');
  return preparedQuery<R>(db, sql, [orgIds, ...params]);
}
