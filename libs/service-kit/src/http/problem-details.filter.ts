import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError, PROBLEM_CONTENT_TYPE } from '@santral/contracts';
import { toDomainError } from './to-domain-error';

/**
 * The one place an error becomes an HTTP response: RFC 9457 problem+json with a stable
 * `code` (validation, auth, Fastify body errors, unknown routes, and anything unexpected).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = toDomainError(exception);
    const problem = error.toProblem(req.url.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, code: problem.code }, isDomainError(exception) ? exception.message : 'Unhandled error');
    }
    if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
    void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
