import type { FastifyInstance } from 'fastify';
import { DomainError, unsafeInputFields } from '@santral/contracts';

/**
 * Contracts' input rule on every parsed JSON body, as soon as Fastify has parsed it: guards and
 * interceptors (the idempotency fingerprint walks the body) run before the validation pipe, so
 * a body nested thousands deep must be refused before any of them recurses into it. 422 naming
 * the field, through the problem filter like any DomainError; the pipe checks the rest.
 */
export function refuseUnsafeBodies(fastify: Pick<FastifyInstance, 'addHook'>): void {
  fastify.addHook('preValidation', async (request) => {
    const bad = unsafeInputFields(request.body).map((e) => ({ ...e, field: e.field || 'body' }));
    if (bad.length > 0) throw DomainError.validation(bad);
  });
}
