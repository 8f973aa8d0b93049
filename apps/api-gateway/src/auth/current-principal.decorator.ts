import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import type { AuthenticatedRequest } from './authentication.guard';
import { organizationOf, type Principal } from './principal';

/** The authenticated caller (set by AuthenticationGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @Roles()');
  return principal;
});

/** The organization of the calling key: every tenant query is scoped by it (A1). */
export const CurrentOrg = createParamDecorator((_: unknown, ctx: ExecutionContext): OrgId => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentOrg used on a route without @Roles()');
  return organizationOf(principal);
});
