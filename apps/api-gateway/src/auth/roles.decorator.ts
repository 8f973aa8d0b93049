import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
import { AuthenticationGuard } from './authentication.guard';
import { ROLES_METADATA, type Audience, type Role } from './role';
import { RolesGuard } from './roles.guard';

export { PLATFORM_ADMIN } from './role';

export const BEARER_SCHEME = 'bearer';

/**
 * Who may call a route (A3): authenticates the bearer key, then checks its role. Every
 * /v1 route carries it; the OpenAPI document shows the security requirement and 401/403.
 */
export function Roles(...audiences: [Audience, ...Audience[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_METADATA, audiences),
    UseGuards(AuthenticationGuard, RolesGuard),
    ApiBearerAuth(BEARER_SCHEME),
    ApiProblems(401, 403),
  );
}

export const ANY_ORG_ROLE: [Role, Role, Role] = ['admin', 'supervisor', 'operator'];
