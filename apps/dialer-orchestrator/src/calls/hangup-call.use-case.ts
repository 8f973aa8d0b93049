import { Injectable } from '@nestjs/common';
import { isTerminalCallState } from '@santral/call-state';
import { DomainError, Subjects, type CallAcceptedReply, type CallControlRequest, type CallState } from '@santral/contracts';
import { EventPublisher, type OutgoingEvent } from '@santral/messaging';
import { asOrgId, TransactionRunner, type OrgId, type Tx } from '@santral/persistence';
import { OperatorCalls } from '../presence/operator-calls';
import { CallRepository } from './call.repository';
import { CallViewsRepository, type QueuedCall } from './call-views.repository';

/** States before anyone answered: hanging up cancels the attempt; after, the user ends the conversation. */
const UNANSWERED: readonly string[] = ['queued', 'dialing', 'ringing'];

/**
 * rpc.dialer.call.hangup. A dialled call gets `telephony.call.hangup.v1` and ends when telephony's
 * end fact arrives (its one terminal state comes from there, invariant 3). A call still queued is
 * never dialled: its task is cancelled, and its end (cancelled_by_user) is published at once. An
 * ended call answers CALL_ALREADY_ENDED.
 */
@Injectable()
export class HangupCallUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly calls: CallRepository,
    private readonly views: CallViewsRepository,
    private readonly operators: OperatorCalls,
    private readonly publisher: EventPublisher,
  ) {}

  execute(input: CallControlRequest): Promise<CallAcceptedReply> {
    const orgId = asOrgId(input.organizationId);
    const callId = input.callId.toLowerCase();
    return this.tx.run(async (tx) => {
      const state = (await this.calls.lockState(tx, orgId, callId)) as CallState | null;
      if (state === null) return this.cancelQueued(tx, orgId, callId, input.actorUserId);
      if (isTerminalCallState(state)) throw new DomainError('CALL_ALREADY_ENDED', `Call ${input.callId} already ended (${state})`);
      await this.publisher.publish(
        Subjects.Telephony.HangupCall,
        { organizationId: orgId, callId, reason: UNANSWERED.includes(state) ? 'cancelled_by_user' : 'operator_hung_up', ...(input.actorUserId ? { actorUserId: input.actorUserId } : {}) },
        { orgid: orgId, subject: callId, manager: tx },
      );
      return { callId, state };
    });
  }

  private async cancelQueued(tx: Tx, orgId: OrgId, callId: string, actorUserId?: string): Promise<CallAcceptedReply> {
    const queued = await this.views.lockQueued(tx, orgId, callId);
    if (!queued) throw new DomainError('CALL_NOT_FOUND', `Call ${callId} not found`);
    // Locked after the dispatcher committed it: it was dialled meanwhile (then it has a call row) or refused.
    if (queued.taskState !== 'pending') {
      if ((await this.calls.lockState(tx, orgId, callId)) !== null) throw new DomainError('CONFLICT', `Call ${callId} is being dialled; hang up again`);
      throw new DomainError('CALL_ALREADY_ENDED', `Call ${callId} already ended`);
    }
    await this.views.cancelQueued(tx, orgId, queued.taskId);
    await this.calls.transition(tx, orgId, callId, 'queued', 'cancelled', actorUserId ? `api:hangup:${actorUserId}` : 'api:hangup');
    if (queued.operatorUserId) await this.operators.release(orgId, queued.operatorUserId, callId, tx);
    await this.publisher.publishMany(endEvents(orgId, callId, queued), { manager: tx });
    return { callId, state: 'cancelled' };
  }
}

/** The one end of a call that was never dialled, and its task's outcome. */
function endEvents(orgId: OrgId, callId: string, q: QueuedCall): OutgoingEvent[] {
  const who = { ...(q.agentId ? { agentId: q.agentId } : {}), ...(q.operatorUserId ? { operatorUserId: q.operatorUserId } : {}), ...(q.ticketId ? { ticketId: q.ticketId } : {}) };
  return [
    {
      type: Subjects.Dialer.CallEnded, orgid: orgId, subject: callId,
      data: {
        organizationId: orgId, callId, attempt: 1, direction: 'outbound' as const, kind: q.kind, state: 'cancelled' as const, previousState: 'queued' as const,
        ...(q.from ? { from: q.from } : {}), to: q.to, taskId: q.taskId, ...who,
        endReason: { status: 'cancelled' as const, reason: 'cancelled_by_user' as const, fault: 'none' as const, billable: false },
        talkSeconds: 0, waitSeconds: 0, totalSeconds: 0, forwardedSeconds: 0,
      },
    },
    {
      type: Subjects.Dialer.TaskFinished, orgid: orgId, subject: q.taskId,
      data: { organizationId: orgId, taskId: q.taskId, kind: q.kind, outcome: 'cancelled' as const, attempts: 0, lastCallId: callId, lastEndReason: 'cancelled_by_user' as const,
        ...(q.sourceCallId ? { sourceCallId: q.sourceCallId } : {}) },
    },
  ];
}
