import { Injectable } from '@nestjs/common';
import type { OrgId, Page, PageRequest } from '@santral/persistence';
import type { User } from './user';
import { UsersPort } from './users.port';

/** The organization's users, newest first. */
@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UsersPort) {}

  execute(orgId: OrgId, page: PageRequest): Promise<Page<User>> {
    return this.users.listPage(orgId, page);
  }
}
