import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes a caller's correlation id when it is safe to log, else makes one. */
export function correlationIdFrom(req: Pick<IncomingMessage, 'headers'>): string {
  const raw = req.headers[CORRELATION_HEADER] ?? req.headers['x-request-id'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}
