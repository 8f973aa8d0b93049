import type { Organization } from './organization';
import type { OrganizationDto } from './organization.dto';

export function toOrganizationDto(org: Organization): OrganizationDto {
  return {
    id: org.id,
    name: org.name,
    plan: org.plan,
    limits: { ...org.limits },
    defaultCountry: org.defaultCountry,
    timeZone: org.timeZone,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}
