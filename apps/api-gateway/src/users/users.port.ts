import type { OrgId, Page, PageRequest } from '@santral/persistence';
import type { User } from './user';

/** Port: where an organization's users are stored. */
export abstract class UsersPort {
  /** Inserts the user; false if the organization already has a user with this e-mail (any case). */
  abstract addIfEmailFree(orgId: OrgId, user: User): Promise<boolean>;
  /** One page, newest first: (created_at DESC, id DESC). */
  abstract listPage(orgId: OrgId, page: PageRequest): Promise<Page<User>>;
  /** Those of `ids` that are users of the organization (lower-case). */
  abstract existingIds(orgId: OrgId, ids: readonly string[]): Promise<string[]>;
}
