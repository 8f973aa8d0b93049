import type { OrgId } from '@santral/persistence';
import type { Role } from '../auth/role';

export interface User {
  id: string;
  organizationId: OrgId;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
}
