import { Injectable, Logger } from '@nestjs/common';
import { transitionCall, type CallEvent, type CallState } from '@santral/call-state';
import { Subjects, type ProviderOperatorV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { SlotLeases } from '../slots/slot-leases';
import { callEventData } from './call-event-data';
import { CallRepository, type CallIdentity } from './call.repository';

export type ProgressKind = 'ringing' | 'answered' | 'forwarding';

/** How long each progress keeps the call's slot without a further fact (then the watchdog may take it). */
const LEASE_AFTER_MS: Record<ProgressKind, number> = { ringing: 2 * 60_000, answered: 4 * 3_600_000, forwarding: 4 * 3_600_000 };

/** What a progress fact may add to the dialer's event. */
export interface ProgressDetails {
  operator?: ProviderOperatorV1;
  target?: string;
}

/**
 * telephony.call.ringing|answered|forwarding.v1 → the call's state through the libs/call-state
 * machine, every transition stored with its cause, its slot lease extended, and
 * `dialer.call.ringing|answered|forwarding.v1` written through the outbox in the same transaction —
 * once per transition. An illegal transition (a late `answered` after the call ended, a duplicate, a
 * `ringing` after `answered`) is rejected and kept as a rejected transition; the state does not move
 * and nothing is published.
 */
@Injectable()
export class ApplyCallProgressUseCase {
  private readonly logger = new Logger(ApplyCallProgressUseCase.name);

  constructor(
    private readonly calls: CallRepository,
    private readonly slots: SlotLeases,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(organizationId: string, callId: string, kind: ProgressKind, event: CallEvent, tx: Tx, details: ProgressDetails = {}): Promise<'applied' | 'rejected' | 'unknown'> {
    const orgId = asOrgId(organizationId);
    const call = await this.calls.lockIdentity(tx, orgId, callId);
    if (call === null) return 'unknown';
    const state = call.state as CallState;
    const result = transitionCall(state, event);
    if (!result.ok) {
      await this.calls.transition(tx, orgId, callId, state, state, `rejected:telephony:${kind}`);
      this.logger.debug(`${kind} of ${callId} in ${state} kept as a rejected transition`);
      return 'rejected';
    }
    await this.calls.moveTo(tx, orgId, callId, state, result.next, `telephony:${kind}`);
    await this.slots.extend(orgId, callId, LEASE_AFTER_MS[kind], tx);
    await this.publish(tx, orgId, callId, call, state, result.next, kind, details);
    return 'applied';
  }

  private async publish(tx: Tx, orgId: OrgId, callId: string, call: CallIdentity, from: CallState, to: CallState, kind: ProgressKind, details: ProgressDetails): Promise<void> {
    const data = callEventData(orgId, callId, call, from, to);
    const meta = { orgid: orgId, subject: callId, manager: tx };
    if (kind === 'ringing') await this.publisher.publish(Subjects.Dialer.CallRinging, data, meta);
    else if (kind === 'answered') await this.publisher.publish(Subjects.Dialer.CallAnswered, { ...data, ...(details.operator ? { operator: details.operator } : {}) }, meta);
    else await this.publisher.publish(Subjects.Dialer.CallForwarding, { ...data, target: details.target! }, meta);
  }
}
