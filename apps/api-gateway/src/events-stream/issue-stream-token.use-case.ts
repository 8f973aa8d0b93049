import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { StreamTokenCodec, type ScreenPopScope } from './stream-token';
import { StreamTokenSettings } from './stream-token.settings';
import { StreamUsersPort } from './stream-users.port';

export interface IssuedStreamToken {
  token: string;
  expiresAt: Date;
  userId: string | null;
  screenPops: ScreenPopScope;
}

/**
 * A short-lived token that opens the organization's event stream for one user, since a browser's
 * EventSource cannot send an Authorization header. An operator's stream pops only the screens the
 * call is offered to them on; an admin's or supervisor's, and one for no user, every screen-pop.
 */
@Injectable()
export class IssueStreamTokenUseCase {
  constructor(
    private readonly users: StreamUsersPort,
    private readonly codec: StreamTokenCodec,
    private readonly settings: StreamTokenSettings,
    private readonly clock: Clock,
  ) {}

  async execute(orgId: OrgId, input: { userId?: string }): Promise<IssuedStreamToken> {
    const userId = input.userId?.toLowerCase() ?? null;
    let screenPops: ScreenPopScope = 'all';
    if (userId !== null) {
      const role = await this.users.roleOf(orgId, userId);
      if (!role) throw new DomainError('NOT_FOUND', `The organization has no user ${userId}`);
      screenPops = role === 'operator' ? 'own' : 'all';
    }
    const expiresAt = new Date(this.clock.now().getTime() + this.settings.ttlSeconds * 1000);
    const token = this.codec.sign({ organizationId: orgId, userId, screenPops, expiresAt });
    return { token, expiresAt, userId, screenPops };
  }
}
