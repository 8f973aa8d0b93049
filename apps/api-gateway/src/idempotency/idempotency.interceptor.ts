import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DomainError, isDomainError } from '@santral/contracts';
import type { AuthenticatedRequest } from '../auth/authentication.guard';
import { bearerToken } from '../auth/bearer-token';
import { BeginIdempotentRequestUseCase } from './begin-idempotent-request.use-case';
import { IDEMPOTENCY_KEY_REQUIRED } from './idempotency-required';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** What a controller forwards to the owning service with the command (see `@IdempotencyKeyId()`). */
export interface IdempotentRequestContext {
  idempotencyKeyId?: string;
}

/** HTTP adapter of BeginIdempotentRequestUseCase; runs after the auth guards, before validation. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly begin: BeginIdempotentRequestUseCase,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined && req.principal && this.reflector.get<boolean | undefined>(IDEMPOTENCY_KEY_REQUIRED, context.getHandler())) {
      return throwError(() => new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'This request moves money: send an Idempotency-Key header (e.g. a UUID) so a retry cannot repeat it'));
    }
    if (!req.principal || header === undefined) return next.handle();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const outcome = this.begin.execute({
      key: Array.isArray(header) ? header.join(', ') : header,
      principal: req.principal,
      credential: bearerToken(req.headers.authorization) ?? '',
      method: req.method,
      url: req.url,
      body: req.body,
    });
    return from(outcome).pipe(
      catchError((error: unknown) => {
        // 409 IDEMPOTENCY_REQUEST_IN_PROGRESS says when to come back.
        const retryAfter = isDomainError(error) ? error.extra.retryAfterSeconds : undefined;
        if (typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
        return throwError(() => error);
      }),
      mergeMap((o) => {
        if (o.kind === 'not-requested') return next.handle();
        if (o.kind === 'replay') {
          void reply.status(o.status).header(REPLAYED_HEADER, 'true');
          return of(o.body);
        }
        (req as AuthenticatedRequest & IdempotentRequestContext).idempotencyKeyId = o.keyId;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await o.complete(status, body);
            return body;
          }),
          catchError((error: unknown) => from(o.abandon(error)).pipe(mergeMap(() => throwError(() => error)))),
        );
      }),
    );
  }
}
