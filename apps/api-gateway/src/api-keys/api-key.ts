import type { OrgId } from '@santral/persistence';
import type { Role } from '../auth/role';

/** An API key as stored and listed: never its secret. */
export interface ApiKey {
  id: string;
  organizationId: OrgId;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A key just created: the plaintext exists only in this answer. */
export interface CreatedApiKey {
  apiKey: ApiKey;
  plaintext: string;
}
