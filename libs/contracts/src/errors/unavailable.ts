import { DomainError } from './domain-error';

/**
 * SQLSTATEs Postgres answers when it refuses a new connection (nothing of the request ran):
 * too_many_connections, cannot_connect_now (starting up or shutting down).
 */
const REFUSED_AT_CONNECT = new Set(['53300', '57P03']);

/** Socket errors of a connect attempt that never reached the server. */
const CONNECT_ERRNOS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/** node-postgres' pool when no connection frees up within `connectionTimeoutMillis`. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i;

function fields(error: unknown): { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown } {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
}

/**
 * Whether `error` says the database could not be reached before anything of the request ran:
 * the pool found no free connection in time, the server refused the connection, or it could not
 * be reached. Such a request is safe to retry, so it answers 503 SERVICE_UNAVAILABLE instead of
 * INTERNAL. A connection lost in the middle of a transaction is not one of these: its commit
 * may have happened, so it stays INTERNAL (and an idempotency key is kept, not released).
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (depth > 3) return false;
  const { code, message, driverError, errors } = fields(error);
  if (typeof code === 'string' && (REFUSED_AT_CONNECT.has(code) || CONNECT_ERRNOS.has(code))) return true;
  if (typeof message === 'string' && POOL_TIMEOUT.test(message)) return true;
  // TypeORM wraps the driver's error; AggregateError (a connect to several addresses) lists them.
  if (driverError !== undefined && isDatabaseUnreachable(driverError, depth + 1)) return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => isDatabaseUnreachable(e, depth + 1));
}

/** SQLSTATEs of a connection the server ended: admin_shutdown, crash_shutdown (a restart). */
const ENDED_BY_SERVER = new Set(['57P01', '57P02']);

/** Socket errors of a connection lost after it was made. */
const LOST_ERRNOS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** node-postgres when the socket closed under a client, or a query was sent on a closed one. */
const LOST = /Connection terminated|Client has encountered a connection error|Client was closed|not queryable/i;

/**
 * Whether `error` is the database being down or restarting rather than anything about the work:
 * unreachable (see `isDatabaseUnreachable`), or a connection it ended or lost — SQLSTATE class 08
 * included. Work that is idempotent (an inbox transaction) may simply wait and try again; whether a
 * lost commit happened is what its idempotency settles.
 */
export function isDatabaseOutage(error: unknown, depth = 0): boolean {
  if (depth > 3) return false;
  if (isDatabaseUnreachable(error)) return true;
  const { code, message, driverError } = fields(error);
  if (typeof code === 'string' && (ENDED_BY_SERVER.has(code) || LOST_ERRNOS.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && LOST.test(message)) return true;
  return driverError !== undefined && isDatabaseOutage(driverError, depth + 1);
}

/** The 503 a caller sees for an unreachable database (see `isDatabaseUnreachable`). */
export function databaseUnavailable(): DomainError {
  return new DomainError('SERVICE_UNAVAILABLE', 'The database is busy or unreachable; nothing was changed, retry shortly');
}
