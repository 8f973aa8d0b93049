import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A mutating POST that honours `Idempotency-Key` (DESIGN §6). */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', maxLength: 255 },
      description:
        'Retry-safe key (e.g. a UUID), kept 24 h per organization. The same key with the same request replays the ' +
        'first answer with `Idempotent-Replayed: true`; with a different request: 422 IDEMPOTENCY_KEY_REUSED; ' +
        'while the first is running: 409 IDEMPOTENCY_REQUEST_IN_PROGRESS. Failed requests are not stored.',
    }),
    ApiProblems(409),
  );
}
