import type { OrgId } from '@santral/persistence';
import type { OrganizationLimits, Plan } from './plan';

export interface Organization {
  id: OrgId;
  name: string;
  plan: Plan;
  limits: OrganizationLimits;
  /** ISO 3166-1 alpha-2, used to normalize national phone numbers. */
  defaultCountry: string;
  /** IANA time zone, the calling-window fallback. */
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
}
