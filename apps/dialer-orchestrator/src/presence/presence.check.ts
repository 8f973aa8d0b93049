import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { operatorRefusal } from './operator-presence';
import { PresenceStore } from './presence.store';

/** The pre-dial path's operator check (E4: AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL). */
@Injectable()
export class PresenceCheck {
  constructor(private readonly presence: PresenceStore) {}

  async assertOperatorFree(orgId: OrgId, userId: string, forCallId?: string): Promise<void> {
    const refusal = operatorRefusal(await this.presence.find(orgId, userId.toLowerCase()), forCallId);
    if (refusal) throw new DomainError(refusal, `Operator ${userId} is not available or is on another call`);
  }
}
