import type { DataSource } from 'typeorm';

/**
 * Runs `sql`, a DELETE that removes at most `chunk` rows a statement (its own LIMIT), until a
 * statement removes fewer; returns how many rows went. Each statement is its own short
 * transaction, so retention over millions of rows never holds long locks or one huge WAL burst.
 */
export async function deleteInChunks(dataSource: DataSource, sql: string, params: unknown[], chunk: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [, deleted] = (await dataSource.query(sql, params)) as [unknown, number];
    total += deleted ?? 0;
    if (!deleted || deleted < chunk) return total;
  }
}
