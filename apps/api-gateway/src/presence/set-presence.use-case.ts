import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type PresenceReply, type PresenceStatus } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { ServiceRpc } from '../common/service-rpc';
import { UsersPort } from '../users/users.port';

/** The gateway owns users: a presence is only forwarded for a user of the caller's organization (404 otherwise). */
@Injectable()
export class SetPresenceUseCase {
  constructor(
    private readonly dialer: ServiceRpc,
    private readonly users: UsersPort,
  ) {}

  async execute(orgId: OrgId, userId: string, input: { status: PresenceStatus; currentCallId?: string; endpoint?: string }): Promise<PresenceReply> {
    const id = userId.toLowerCase();
    const [known] = await this.users.existingIds(orgId, [id]);
    if (!known) throw new DomainError('NOT_FOUND', `User ${userId} not found`);
    return this.dialer.request(Rpc.Dialer.PresenceSet, { organizationId: orgId, userId: id, status: input.status, ...(input.currentCallId ? { currentCallId: input.currentCallId } : {}), ...(input.endpoint ? { endpoint: input.endpoint } : {}) });
  }
}
