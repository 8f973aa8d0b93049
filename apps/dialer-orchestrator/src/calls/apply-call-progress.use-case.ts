import { Injectable, Logger } from '@nestjs/common';
import { transitionCall, type CallEvent, type CallState } from '@santral/call-state';
import { asOrgId, type Tx } from '@santral/persistence';
import { SlotLeases } from '../slots/slot-leases';
import { CallRepository } from './call.repository';

/** How long each progress keeps the call's slot without a further fact (then the watchdog may take it). */
const LEASE_AFTER_MS: Record<'ringing' | 'answered', number> = { ringing: 2 * 60_000, answered: 4 * 3_600_000 };

/**
 * telephony.call.ringing|answered.v1 → the call's state through the libs/call-state machine, every
 * transition stored with its cause, and its slot lease extended. An illegal transition (a late
 * `answered` after the call ended, a duplicate) is rejected, and the fact is kept as a rejected
 * transition; the state does not move.
 */
@Injectable()
export class ApplyCallProgressUseCase {
  private readonly logger = new Logger(ApplyCallProgressUseCase.name);

  constructor(
    private readonly calls: CallRepository,
    private readonly slots: SlotLeases,
  ) {}

  async execute(organizationId: string, callId: string, kind: 'ringing' | 'answered', event: CallEvent, tx: Tx): Promise<'applied' | 'rejected' | 'unknown'> {
    const orgId = asOrgId(organizationId);
    const state = await this.calls.lockState(tx, orgId, callId);
    if (state === null) return 'unknown';
    const result = transitionCall(state as CallState, event);
    if (!result.ok) {
      await this.calls.transition(tx, orgId, callId, state, state, `rejected:telephony:${kind}`);
      this.logger.debug(`${kind} of ${callId} in ${state} kept as a rejected transition`);
      return 'rejected';
    }
    await this.calls.moveTo(tx, orgId, callId, state, result.next, `telephony:${kind}`);
    await this.slots.extend(orgId, callId, LEASE_AFTER_MS[kind], tx);
    return 'applied';
  }
}
