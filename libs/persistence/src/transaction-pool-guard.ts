import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool } from 'pg';

/**
 * A transaction that asks its pool for a second connection while it holds one (a repository call
 * that forgot its `tx`) deadlocks once the pool is small or busy: every holder waits for a
 * connection that only another holder can give back. The guard sees it: work run by
 * `inTransaction` carries its pool in an async context, and a guarded pool's `connect()` from inside
 * it is a violation — thrown when `SANTRAL_TX_POOL_GUARD=throw` (the integration suites set it),
 * logged once per call site when `warn`, ignored when unset.
 */
export type TransactionPoolGuardMode = 'throw' | 'warn' | 'off';

interface Scope {
  pool: unknown;
  open: boolean;
}

const scope = new AsyncLocalStorage<Scope>();
const guarded = new WeakSet<object>();
const warned = new Set<string>();

export class SecondConnectionInTransactionError extends Error {
  constructor() {
    super('A second pooled connection was asked for inside a transaction on the same pool: pass the transaction (tx) to this call');
    this.name = 'SecondConnectionInTransactionError';
  }
}

export function transactionPoolGuardMode(env: NodeJS.ProcessEnv = process.env): TransactionPoolGuardMode {
  const mode = env.SANTRAL_TX_POOL_GUARD;
  return mode === 'throw' || mode === 'warn' ? mode : 'off';
}

/** Runs `work` as the inside of a transaction on `pool`: until it settles, a guarded `pool.connect()` from it is a violation. */
export async function insideTransaction<T>(pool: unknown, work: () => Promise<T>): Promise<T> {
  // An unguarded pool (production) pays nothing: no async context is entered.
  if (pool === undefined || !guarded.has(pool as object)) return work();
  const current: Scope = { pool, open: true };
  try {
    return await scope.run(current, work);
  } finally {
    // Timers and callbacks started inside outlive it: once it settled they are not inside it.
    current.open = false;
  }
}

/** Runs `work` as if outside any transaction: for a deliberate second connection (a test that looks from outside, a statement that must commit on its own). */
export function outsideTransaction<T>(work: () => T): T {
  return scope.exit(work);
}

/** Wraps `pool.connect` (promise and callback forms) so that a call from inside one of its transactions is caught. */
export function guardPool(pool: Pool, mode: TransactionPoolGuardMode = transactionPoolGuardMode()): void {
  if (mode === 'off' || guarded.has(pool)) return;
  guarded.add(pool);
  const connect = pool.connect.bind(pool) as (cb?: (...args: unknown[]) => void) => unknown;
  (pool as unknown as { connect: unknown }).connect = (cb?: (...args: unknown[]) => void) => {
    const inside = scope.getStore();
    if (inside?.open && inside.pool === pool) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 60;
      const error = new SecondConnectionInTransactionError();
      Error.stackTraceLimit = limit;
      if (mode === 'throw') {
        if (cb) {
          process.nextTick(() => cb(error));
          return undefined;
        }
        return Promise.reject(error);
      }
      // The project's own frames name the call that forgot its tx (the driver's frames say nothing).
      const frames = (error.stack ?? '').split('\n').slice(1);
      const own = frames.filter((f) => /[/\\](apps|libs)[/\\]/.test(f) && !/node_modules|[/\\]libs[/\\]persistence[/\\]/.test(f));
      const site = (own.length ? own : frames).slice(0, 8).join('\n');
      if (!warned.has(site)) {
        warned.add(site);
        process.emitWarning(`${error.message}\n${site}`, { code: 'SANTRAL_TX_POOL_GUARD' });
      }
    }
    return connect(cb);
  };
}
