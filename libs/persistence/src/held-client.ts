import type { PoolClient } from 'pg';

/**
 * A pool client kept checked out across awaits (the outbox relay's between passes, an import's
 * transaction): pg emits its connection's errors (Postgres restarting: 57P01, a dropped socket) as
 * an 'error' event on the client, and the pool listens only to idle clients, so a checked-out one
 * with no listener crashes the process. `onError` gets the error instead; the client's next query
 * fails and the holder releases it with that error (the pool then discards it). Returns the detach
 * function to call before the client is released.
 */
export function holdClient(client: PoolClient, onError: (err: Error) => void): () => void {
  client.on('error', onError);
  return () => client.off('error', onError);
}
