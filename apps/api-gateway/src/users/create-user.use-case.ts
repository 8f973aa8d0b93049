import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../auth/role';
import { Clock } from '@santral/service-kit';
import { DomainError } from '@santral/contracts';
import type { User } from './user';
import { UsersPort } from './users.port';

export interface CreateUserInput {
  name: string;
  email: string;
  role: Role;
}

/** Adds a person (admin, supervisor or operator, A3) to the caller's organization; e-mails are unique per organization. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly users: UsersPort,
    private readonly clock: Clock,
  ) {}

  async execute(orgId: OrgId, input: CreateUserInput): Promise<User> {
    const user: User = {
      id: uuidv7(),
      organizationId: orgId,
      name: input.name,
      email: input.email,
      role: input.role,
      createdAt: this.clock.now(),
    };
    if (!(await this.users.addIfEmailFree(orgId, user))) {
      throw new DomainError('CONFLICT', `A user with e-mail ${input.email} already exists in this organization`);
    }
    return user;
  }
}
