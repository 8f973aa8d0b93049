import type { OrgId } from '@santral/persistence';
import type { PageRequest } from '../common/pagination';
import type { User } from './user';

/** Port: where an organization's users are stored. */
export abstract class UsersPort {
  /** Inserts the user; false if the organization already has a user with this e-mail (any case). */
  abstract addIfEmailFree(orgId: OrgId, user: User): Promise<boolean>;
  /** Newest first, up to `page.limit + 1` rows. */
  abstract listPage(orgId: OrgId, page: PageRequest): Promise<User[]>;
  /** Those of `ids` that are users of the organization (lower-case). */
  abstract existingIds(orgId: OrgId, ids: readonly string[]): Promise<string[]>;
}
