import type { DataSource, EntityManager } from 'typeorm';
import { pgPoolOf } from './data-source';
import { guardPool, insideTransaction } from './transaction-pool-guard';

/** Work to run once a transaction has committed, per transaction handle (its EntityManager). */
const pending = new WeakMap<EntityManager, Array<() => void>>();

/**
 * Runs `fn` once the caller's transaction has committed (never when it rolls back): e.g. waking a
 * loop that must see what the transaction wrote. A handle that did not come from `inTransaction`
 * (a test's own transaction) runs it on the next turn of the event loop instead.
 */
export function afterCommit(tx: EntityManager, fn: () => void): void {
  const list = pending.get(tx);
  if (list) list.push(fn);
  else setImmediate(fn);
}

/** `dataSource.transaction(work)`, then what `afterCommit` registered, in order, once it committed. */
export async function inTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const callbacks: Array<() => void> = [];
  const pool = pgPoolOf(dataSource);
  if (pool) guardPool(pool);
  const result = await dataSource.transaction((tx) => {
    pending.set(tx, callbacks);
    return insideTransaction(pool, () => work(tx));
  });
  for (const fn of callbacks) {
    try {
      fn();
    } catch {
      // A callback's failure is its own: the transaction committed.
    }
  }
  return result;
}
