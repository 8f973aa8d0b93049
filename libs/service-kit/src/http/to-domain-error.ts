import { HttpException } from '@nestjs/common';
import { databaseUnavailable, DomainError, isDatabaseUnreachable, isDomainError, type ErrorCode } from '@santral/contracts';

/** Fastify's own request errors (body parsing, content type), by their stable `code`. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
};

/**
 * Nest re-throws Fastify's request errors as HttpException(message, status), dropping their
 * code; our own code never throws a bare 400, so a 400 here is a body Fastify could not parse.
 */
const BY_STATUS: Record<number, ErrorCode> = {
  400: 'MALFORMED_JSON',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
};

const DETAILS: Partial<Record<ErrorCode, string>> = {
  PAYLOAD_TOO_LARGE: 'The request body is larger than this endpoint accepts',
  UNSUPPORTED_MEDIA_TYPE: 'Send the body as application/json',
  MALFORMED_JSON: 'The request body is not valid JSON',
  NOT_FOUND: 'No such resource',
  METHOD_NOT_ALLOWED: 'This method is not allowed here',
  INTERNAL: 'An unexpected error occurred; it was logged',
};

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
}

/**
 * Every error the HTTP edge can meet, as one DomainError: ours pass through, Fastify's
 * parser errors and Nest's HttpExceptions map by code or status, anything else is INTERNAL
 * (its message is never shown).
 */
export function toDomainError(error: unknown): DomainError {
  if (isDomainError(error)) return error;
  if (isDatabaseUnreachable(error)) return databaseUnavailable();
  if (error instanceof HttpException) return fromStatus(error.getStatus());
  const fw = (typeof error === 'object' && error !== null ? error : {}) as FrameworkError;
  const known = typeof fw.code === 'string' ? FASTIFY_CODES[fw.code] : undefined;
  if (known) return withDetail(known);
  // Fastify's JSON parser throws a SyntaxError (or a prototype-poisoning error) tagged 400.
  if (fw.statusCode === 400 && (error instanceof SyntaxError || /JSON|prototype|constructor/i.test(String((error as Error).message)))) {
    return withDetail('MALFORMED_JSON');
  }
  if (typeof fw.statusCode === 'number' && fw.statusCode >= 400 && fw.statusCode < 500) return fromStatus(fw.statusCode);
  return withDetail('INTERNAL');
}

function fromStatus(status: number): DomainError {
  return withDetail(BY_STATUS[status] ?? (status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL'));
}

function withDetail(code: ErrorCode): DomainError {
  return new DomainError(code, DETAILS[code]);
}
