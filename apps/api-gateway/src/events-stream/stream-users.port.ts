import type { OrgId } from '@santral/persistence';
import type { Role } from '../auth/role';

/** Port: the role of one of an organization's users (whom a stream token is for). */
export abstract class StreamUsersPort {
  /** The user's role, or undefined when the organization has no such user. */
  abstract roleOf(orgId: OrgId, userId: string): Promise<Role | undefined>;
}
