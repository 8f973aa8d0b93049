/** Roles of an organization's API keys and users (REQUIREMENTS A3). */
export const ROLES = ['admin', 'supervisor', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** The platform admin key (SANTRAL_ADMIN_KEY), as an audience of @Roles(). */
export const PLATFORM_ADMIN = 'platform_admin';
/** Who a route is open to: organization roles and/or the platform admin. */
export type Audience = Role | typeof PLATFORM_ADMIN;

export const ROLES_METADATA = 'santral:roles';
