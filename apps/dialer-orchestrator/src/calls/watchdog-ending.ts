import { Injectable } from '@nestjs/common';
import { endReasonFor, type EndReasonCode } from '@santral/call-state';
import { Subjects, type CallEndReasonV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import type { OrgId, Tx } from '@santral/persistence';
import { ApplyCallEndedUseCase } from './apply-call-ended.use-case';

/** The watchdogs' reasons (the taxonomy's codes a watchdog may end a call with). */
export type WatchdogEndReason = Extract<EndReasonCode, 'no_answer' | 'stuck_watchdog'>;

/**
 * How every watchdog ends a call: once, through `ApplyCallEndedUseCase.end` (slot freed, task settled,
 * one dialer.call.ended.v1), and telling telephony to hang it up in case it is still up. False when
 * the call had ended already (a second sweep, or the provider's end came first): then nothing is sent.
 */
@Injectable()
export class WatchdogEnding {
  constructor(
    private readonly ended: ApplyCallEndedUseCase,
    private readonly publisher: EventPublisher,
  ) {}

  async endAndHangUp(tx: Tx, orgId: OrgId, callId: string, reason: WatchdogEndReason, cause: string): Promise<boolean> {
    const r = endReasonFor(reason);
    const endReason: CallEndReasonV1 = { status: r.status, reason, fault: r.fault, billable: r.billable };
    if (!(await this.ended.end(tx, orgId, callId, endReason, cause))) return false;
    await this.publisher.publish(Subjects.Telephony.HangupCall, { organizationId: orgId, callId, reason }, { orgid: orgId, subject: callId, manager: tx });
    return true;
  }
}
