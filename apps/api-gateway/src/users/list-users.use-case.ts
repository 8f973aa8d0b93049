import { Injectable } from '@nestjs/common';
import type { OrgId, Page } from '@santral/persistence';
import { toPage, type PageRequest } from '../common/pagination';
import type { User } from './user';
import { UsersPort } from './users.port';

/** The organization's users, newest first. */
@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UsersPort) {}

  async execute(orgId: OrgId, page: PageRequest): Promise<Page<User>> {
    return toPage(await this.users.listPage(orgId, page), page.limit);
  }
}
