import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdempotencyInterceptor, type IdempotentRequestContext } from './idempotency.interceptor';
import { IDEMPOTENCY_KEY_REQUIRED } from './idempotency-required';

/**
 * A mutating POST that honours `Idempotency-Key` (DESIGN §6). `required: true` (money moves:
 * POST /v1/billing/top-ups) refuses a request without the header with 400 IDEMPOTENCY_KEY_REQUIRED.
 */
export function Idempotent(options: { required?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENCY_KEY_REQUIRED, options.required === true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.required === true,
      schema: { type: 'string', maxLength: 255 },
      description:
        'Retry-safe key (e.g. a UUID), kept 24 h per organization. The same key with the same request replays the ' +
        'first answer with `Idempotent-Replayed: true`; with a different request: 422 IDEMPOTENCY_KEY_REUSED; ' +
        'while the first is running, or when it timed out and its outcome is not known yet: 409 IDEMPOTENCY_REQUEST_IN_PROGRESS ' +
        'with `Retry-After`; after that the retry reaches the service again with the same key and gets the first outcome. ' +
        'Requests refused outright (4xx, 503) are not stored.',
    }),
    ApiProblems(409, ...(options.required ? [400] : [])),
  );
}

/**
 * The request's idempotency key as the owning service gets it (sha-256 of the header; undefined
 * without one): `@IdempotencyKeyId() key: string | undefined`, passed on with the command.
 */
export const IdempotencyKeyId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  return ctx.switchToHttp().getRequest<IdempotentRequestContext>().idempotencyKeyId;
});
