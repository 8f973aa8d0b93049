import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@santral/contracts';
import type { AuthenticatedRequest } from './authentication.guard';
import { PLATFORM_ADMIN, ROLES_METADATA, type Audience } from './role';

/** Lets a principal through only if its role (or the platform admin) is listed by @Roles(); default deny. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<Audience[] | undefined>(ROLES_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal || !allowed) throw new DomainError('FORBIDDEN', 'This endpoint is not open to any key');
    if (principal.kind === 'platform') {
      if (allowed.includes(PLATFORM_ADMIN)) return true;
      throw new DomainError('FORBIDDEN', 'The platform admin key cannot be used here; use an organization API key');
    }
    if (allowed.includes(principal.role)) return true;
    const roles = allowed.filter((a) => a !== PLATFORM_ADMIN);
    throw new DomainError(
      'FORBIDDEN',
      roles.length > 0
        ? `This endpoint needs a key with one of the roles: ${roles.join(', ')} (this key is ${principal.role})`
        : 'This endpoint needs the platform admin key',
    );
  }
}
