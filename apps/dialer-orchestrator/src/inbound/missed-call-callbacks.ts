import { Injectable } from '@nestjs/common';
import { Subjects, type CallEndReasonV1 } from '@santral/contracts';
import type { OutgoingEvent } from '@santral/messaging';
import type { OrgId, Tx } from '@santral/persistence';
import type { EndedCall } from '../calls/call.repository';
import { MissedCallMessage } from '../message-rules/missed-call-message';
import { CallTaskRepository } from '../tasks/call-task.repository';

/** Ring time a callback's customer leg gets. */
const CALLBACK_RING_SECONDS = 30;

/**
 * F3: a missed inbound call is never lost. When an inbound call ends without anyone talking to the
 * caller (no answer, abandoned in the queue or the IVR, or the provider says it was lost) and the
 * caller's number is known, one callback task is stored — to the caller, from the number they
 * called, on the same provider account — and `dialer.task.created.v1` says so. A callback is dialled
 * once an operator or an agent takes it (until then the dispatcher leaves it); a caller with an open
 * callback gets no second one. The organization's first matching message rule may delay the
 * callback and sends the caller "we missed your call" (once per caller per window), in the same
 * transaction.
 */
@Injectable()
export class MissedCallCallbacks {
  constructor(
    private readonly tasks: CallTaskRepository,
    private readonly message: MissedCallMessage,
  ) {}

  async afterInbound(tx: Tx, orgId: OrgId, callId: string, call: EndedCall, endReason: CallEndReasonV1, isLost: boolean): Promise<OutgoingEvent[]> {
    if (call.direction !== 'inbound' || !call.from) return [];
    if (!isLost && endReason.status === 'ended') return [];
    const from = call.from;
    const decision = await this.message.decide(tx, orgId, callId, { from, to: call.to, providerAccountId: call.providerAccountId });
    const plan = { fromNumber: call.to, providerAccountId: call.providerAccountId, ringTimeoutSeconds: CALLBACK_RING_SECONDS };
    const taskId = await this.tasks.addCallback(tx, orgId, { sourceCallId: callId, to: from, plan, afterMinutes: decision.callbackAfterMinutes });
    const events: OutgoingEvent[] = [];
    if (taskId) {
      events.push({
        type: Subjects.Dialer.TaskCreated,
        orgid: orgId,
        subject: taskId,
        data: { organizationId: orgId, kind: 'callback', sourceCallId: callId, tasks: [{ taskId, to: from }] },
      });
    }
    if (decision.sms) events.push(decision.sms);
    return events;
  }
}
