import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import { operatorRefusal } from './operator-presence';
import { PresenceStore } from './presence.store';

/**
 * An operator's presence through a click-to-call's life (E4, E6, E8): taken for the call when it is
 * accepted (so a second call cannot take them while the first waits for a slot, and they stay busy
 * through its dialling), given back when it ends; the stale-operator sweep frees what is left over.
 */
@Injectable()
export class OperatorCalls {
  constructor(private readonly presence: PresenceStore) {}

  /** The operator's endpoint, now held by `callId`; AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL when they cannot take it. */
  async holdFor(orgId: OrgId, userId: string, callId: string, tx: Tx): Promise<string> {
    const held = await this.presence.holdForCall(orgId, userId.toLowerCase(), callId, tx);
    if (held?.endpoint) return held.endpoint;
    const now = await this.presence.find(orgId, userId.toLowerCase(), tx);
    const why = operatorRefusal(now) ? 'is not available or is on another call' : 'has no endpoint to ring (set one with PUT /v1/users/{id}/presence)';
    throw new DomainError('AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL', `Operator ${userId} ${why}`);
  }

  /**
   * The dispatcher dials a call with this operator's leg: they are busy with it. A no-op for the
   * first attempt (held since it was accepted); a later attempt takes them only if they are free.
   */
  async markDialling(orgId: OrgId, userId: string, callId: string, tx: Tx): Promise<void> {
    await this.presence.holdForCall(orgId, userId.toLowerCase(), callId, tx);
  }

  /** The call is over: the operator is available again, unless something else holds them now. */
  async release(orgId: OrgId, userId: string, callId: string, tx: Tx): Promise<void> {
    await this.presence.releaseFromCall(orgId, userId.toLowerCase(), callId, tx);
  }
}
