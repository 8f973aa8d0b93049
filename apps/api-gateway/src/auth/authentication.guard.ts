import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticateUseCase } from './authenticate.use-case';
import type { Principal } from './principal';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Attaches the caller's Principal to the request or fails with 401 (UNAUTHENTICATED, INVALID_API_KEY, API_KEY_REVOKED). */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(private readonly authenticate: AuthenticateUseCase) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    req.principal = await this.authenticate.execute(req.headers.authorization);
    return true;
  }
}
