import { Injectable } from '@nestjs/common';
import { DomainError, type PresenceReply, type PresenceSetRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { PresenceStore } from './presence.store';

/**
 * Stores an operator's presence as they (or a supervisor) set it. A current call only goes with
 * `busy`: "available on call X" would let the dialer give them a second call (E8).
 */
@Injectable()
export class SetPresenceUseCase {
  constructor(private readonly presence: PresenceStore) {}

  async execute(input: PresenceSetRequest): Promise<PresenceReply> {
    if (input.currentCallId !== undefined && input.status !== 'busy') {
      throw DomainError.validation([{ field: 'currentCallId', message: 'currentCallId is only allowed with status busy' }]);
    }
    const stored = await this.presence.put(asOrgId(input.organizationId), {
      userId: input.userId.toLowerCase(),
      status: input.status,
      currentCallId: input.currentCallId?.toLowerCase() ?? null,
      ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
    });
    return { userId: stored.userId, status: stored.status, currentCallId: stored.currentCallId, endpoint: stored.endpoint, updatedAt: stored.updatedAt.toISOString() };
  }
}
