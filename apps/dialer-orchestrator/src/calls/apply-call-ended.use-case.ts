import { Injectable } from '@nestjs/common';
import { END_REASON_CODES, type EndReasonCode } from '@santral/call-state';
import { Subjects, type CallEndReasonV1, type CallState, type TaskKind, type TelephonyCallEndedV1 } from '@santral/contracts';
import { EventPublisher, type OutgoingEvent } from '@santral/messaging';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { windowPolicyOf, zonesOf } from '../dispatch/contact-window';
import { decideRetry } from '../domain';
import { OperatorCalls } from '../presence/operator-calls';
import { CallTaskRepository, type TaskSettlement } from '../tasks/call-task.repository';
import { MissedCallCallbacks } from '../inbound/missed-call-callbacks';
import { callEventData } from './call-event-data';
import { CallRepository, type EndedCall } from './call.repository';

interface Durations {
  talkSeconds: number;
  waitSeconds: number;
  totalSeconds: number;
  forwardedSeconds: number;
}

const NO_RETRIES = { maxAttemptsPerContact: 1, rules: [] };

const NO_TIME: Durations = { talkSeconds: 0, waitSeconds: 0, totalSeconds: 0, forwardedSeconds: 0 };

/**
 * telephony.call.ended.v1 → the call's one terminal state (invariant 3): stored with its reason, its
 * slot released at once, and its task either scheduled again — only when the campaign's retry matrix
 * asks for it, at a time inside the contact's calling window — or finished with its outcome. A second
 * end, or the end of a call the dialer does not know (another organization's, an inbound one),
 * changes nothing.
 */
@Injectable()
export class ApplyCallEndedUseCase {
  constructor(
    private readonly calls: CallRepository,
    private readonly tasks: CallTaskRepository,
    private readonly clock: Clock,
    private readonly publisher: EventPublisher,
    private readonly callbacks: MissedCallCallbacks,
    private readonly operators: OperatorCalls,
  ) {}

  /**
   * The ends of one inbox batch: each call ended in its own statement, every event they publish
   * written to the outbox in one statement for the batch. Returns whether a slot was freed.
   */
  async execute(facts: readonly TelephonyCallEndedV1[], tx: Tx): Promise<boolean> {
    const events: OutgoingEvent[] = [];
    const settles: TaskSettlement[] = [];
    for (const fact of facts) {
      const durations = { talkSeconds: fact.talkSeconds, waitSeconds: fact.waitSeconds, totalSeconds: fact.totalSeconds, forwardedSeconds: fact.forwardedSeconds };
      const ended = await this.endOnce(tx, asOrgId(fact.organizationId), fact.callId, fact.endReason, `telephony:${fact.endReason.reason}`, durations, settles, fact.providerCallId, fact.isLost);
      if (ended) events.push(...ended);
    }
    await this.tasks.settleMany(tx, settles);
    if (events.length) await this.publisher.publishMany(events, { manager: tx });
    return events.length > 0;
  }

  /**
   * Ends the call once (any cause: the provider's end, the watchdog), frees its slot, publishes
   * `dialer.call.ended.v1` (exactly one per call), settles its task.
   */
  async end(tx: Tx, orgId: OrgId, callId: string, endReason: CallEndReasonV1, cause: string, durations: Durations = NO_TIME, providerCallId?: string, isLost = false): Promise<boolean> {
    const settles: TaskSettlement[] = [];
    const events = await this.endOnce(tx, orgId, callId, endReason, cause, durations, settles, providerCallId, isLost);
    if (!events) return false;
    await this.tasks.settleMany(tx, settles);
    await this.publisher.publishMany(events, { manager: tx });
    return true;
  }

  /**
   * `end` without the outbox write: the events it would publish, in order, or null for a second (or
   * foreign) end. The task's new state is added to `settles` (written for the whole batch at once).
   */
  private async endOnce(
    tx: Tx, orgId: OrgId, callId: string, endReason: CallEndReasonV1, cause: string, durations: Durations, settles: TaskSettlement[], providerCallId?: string, isLost = false,
  ): Promise<OutgoingEvent[] | null> {
    // The call's row, its transitions and its slot lease, in one statement.
    const ended = await this.calls.end(tx, orgId, callId, endReason.status, endReason, cause, durations === NO_TIME ? {} : { ...durations, providerCallId });
    if (!ended) return null;
    // Click-to-call (E6, E8): the operator the call held is available again.
    if (ended.operatorUserId) await this.operators.release(orgId, ended.operatorUserId, callId, tx);
    const endedEvent: OutgoingEvent = {
      type: Subjects.Dialer.CallEnded,
      orgid: orgId,
      subject: callId,
      data: {
        ...callEventData(orgId, callId, ended, ended.previousState as CallState, endReason.status),
        endReason, ...durations,
        providerAccountId: ended.providerAccountId, ...(providerCallId ? { providerCallId } : {}),
        // Billing settles the credit held at dispatch against this end.
        ...(ended.reservationId ? { reservationId: ended.reservationId } : {}),
      },
    };
    // A missed inbound call's callback looks for the caller's open callback: the batch's task states are written first.
    if (!ended.taskId) await this.tasks.settleMany(tx, settles.splice(0));
    const taskEvents = ended.taskId
      ? [this.settleTask(orgId, ended.taskId, ended.kind as TaskKind, callId, endReason, ended, settles)]
      : await this.callbacks.afterInbound(tx, orgId, callId, ended, endReason, isLost);
    // An answer the end implied is announced before the end, as if its fact had come in time.
    const answeredEvent: OutgoingEvent | undefined = ended.answeredFrom
      ? {
          type: Subjects.Dialer.CallAnswered,
          orgid: orgId,
          subject: callId,
          data: callEventData(orgId, callId, ended, ended.answeredFrom as CallState, 'in_progress'),
        }
      : undefined;
    return [answeredEvent, endedEvent, ...taskEvents].filter((e): e is OutgoingEvent => e !== undefined);
  }

  /** Retries or finishes the task (read with the call's end, its new state added to `settles`); returns its event (written with the call's end). */
  private settleTask(orgId: OrgId, taskId: string, kind: TaskKind, callId: string, endReason: CallEndReasonV1, ended: EndedCall, settles: TaskSettlement[]): OutgoingEvent | undefined {
    const task = ended.task;
    if (!task) return undefined;
    const campaign = task.campaign;
    const plan = campaign?.dialPlan ?? undefined;
    const decision = decideRetry({
      // A direct call (single, test, click-to-call, callback) is never redialled by itself: only a
      // campaign's matrix asks for retries.
      matrix: task.campaignId ? plan?.retryPolicy : NO_RETRIES,
      attempts: task.endReasons.map(asEndReasonCode),
      now: this.clock.now(),
      window: windowPolicyOf(plan),
      zones: zonesOf(task, ended.organizationTimeZone),
    });
    const ref = { organizationId: orgId, taskId, kind, ...(task.campaignId ? { campaignId: task.campaignId } : {}), ...(task.contactId ? { contactId: task.contactId } : {}),
      // A callback's missed call (F3): its ticket logs the outcome.
      ...(task.sourceCallId ? { sourceCallId: task.sourceCallId } : {}) };
    const meta = { orgid: orgId, subject: taskId };
    // A cancelled campaign's call in flight ends normally, but its task is not dialled again (item 11).
    const cancelled = decision.action === 'retry' && campaign?.state === 'cancelled';
    if (decision.action === 'retry' && !cancelled) {
      settles.push({ orgId, taskId, state: 'retry_scheduled', notBefore: decision.at, windowFrom: decision.due });
      return {
        ...meta,
        type: Subjects.Dialer.TaskRetryScheduled,
        data: { ...ref, disposition: decision.disposition, nextAttempt: decision.attempt, notBefore: decision.at.toISOString(), lastCallId: callId },
      };
    }
    const outcome = decision.action === 'retry' ? 'cancelled' : decision.outcome;
    settles.push({ orgId, taskId, state: 'finished', outcome, reason: task.endReasons.at(-1) ?? null });
    return {
      ...meta,
      type: Subjects.Dialer.TaskFinished,
      data: { ...ref, outcome, attempts: task.endReasons.length, lastCallId: callId, lastEndReason: endReason.reason },
    };
  }
}

/** The wire's end reason as the taxonomy's code; one the taxonomy does not know counts as a provider error. */
function asEndReasonCode(reason: string): EndReasonCode {
  return (END_REASON_CODES as readonly string[]).includes(reason) ? (reason as EndReasonCode) : 'provider_error';
}
