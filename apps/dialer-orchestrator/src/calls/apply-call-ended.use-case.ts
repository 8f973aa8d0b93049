import { Injectable } from '@nestjs/common';
import type { TelephonyCallEndedV1 } from '@santral/contracts';
import { asOrgId, type Tx } from '@santral/persistence';
import { SlotLeases } from '../slots/slot-leases';
import { CallTaskRepository } from '../tasks/call-task.repository';
import { CallRepository } from './call.repository';

/**
 * telephony.call.ended.v1 → the call's one terminal state (invariant 3): stored with its reason, its
 * slot released at once, its task finished. A second end, or the end of a call the dialer does not
 * know (another organization's, an inbound one), changes nothing. Returns whether a slot was freed.
 */
@Injectable()
export class ApplyCallEndedUseCase {
  constructor(
    private readonly calls: CallRepository,
    private readonly tasks: CallTaskRepository,
    private readonly slots: SlotLeases,
  ) {}

  async execute(fact: TelephonyCallEndedV1, tx: Tx): Promise<boolean> {
    const orgId = asOrgId(fact.organizationId);
    const ended = await this.calls.end(tx, orgId, fact.callId, fact.endReason.status, fact.endReason, `telephony:${fact.endReason.reason}`);
    if (!ended) return false;
    await this.tasks.markFinished(tx, orgId, ended.taskId);
    return this.slots.release(orgId, fact.callId, tx);
  }
}
