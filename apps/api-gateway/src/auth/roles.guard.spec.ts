import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ORG_A } from '../../test/fakes';
import type { Principal } from './principal';
import { PLATFORM_ADMIN, ROLES_METADATA, type Audience } from './role';
import { RolesGuard } from './roles.guard';

function context(principal: Principal, allowed: Audience[] | undefined): ExecutionContext {
  const handler = (): void => undefined;
  if (allowed) Reflect.defineMetadata(ROLES_METADATA, allowed, handler);
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => ({ principal }) }),
  } as unknown as ExecutionContext;
}

const operator: Principal = { kind: 'organization', organizationId: ORG_A, keyId: 'k', role: 'operator' };
const admin: Principal = { kind: 'organization', organizationId: ORG_A, keyId: 'k', role: 'admin' };
const platform: Principal = { kind: 'platform' };

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it.each<[string, Principal, Audience[], boolean]>([
    ['admin on an admin route', admin, ['admin'], true],
    ['operator on an admin route', operator, ['admin'], false],
    ['operator on an any-role route', operator, ['admin', 'supervisor', 'operator'], true],
    ['platform on a platform route', platform, [PLATFORM_ADMIN], true],
    ['platform on an org route', platform, ['admin'], false],
    ['org admin on a platform route', admin, [PLATFORM_ADMIN], false],
  ])('%s → %p', (_name, principal, allowed, ok) => {
    if (ok) expect(guard.canActivate(context(principal, allowed))).toBe(true);
    else expect(() => guard.canActivate(context(principal, allowed))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('denies a route without @Roles()', () => {
    expect(() => guard.canActivate(context(admin, undefined))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
