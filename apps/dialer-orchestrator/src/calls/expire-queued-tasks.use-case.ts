import { Inject, Injectable, Logger } from '@nestjs/common';
import { endReasonFor } from '@santral/call-state';
import { Subjects, type CallEndReasonV1 } from '@santral/contracts';
import { EventPublisher, type OutgoingEvent } from '@santral/messaging';
import { TransactionRunner, type OrgId, type Tx } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { CallTaskRepository } from '../tasks/call-task.repository';

/**
 * Queue watchdog (E3): a direct call (single, test, click-to-call, callback) still waiting for a slot
 * QUEUED_MAX_MS after it became ready is useless to whoever asked for it — it is finished as failed
 * (`queue_timeout`) with dialer.task.finished.v1, and, when it was never dialled, with one
 * dialer.call.ended.v1 for the call id its API caller was given, so that caller sees the end.
 * Campaign tasks wait as long as their campaign runs. Once: only a task still waiting is taken.
 */
@Injectable()
export class ExpireQueuedTasksUseCase {
  private readonly logger = new Logger(ExpireQueuedTasksUseCase.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly tasks: CallTaskRepository,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<DialerConfig, 'QUEUED_MAX_MS'>,
  ) {}

  /** Returns how many tasks it finished. */
  async execute(limit = 200): Promise<number> {
    const waiting = await this.tx.run((tx) => this.tasks.waitingDirectAcrossOrganizations(tx, this.config.QUEUED_MAX_MS, limit));
    let closed = 0;
    for (const t of waiting) if (await this.tx.run((tx) => this.expire(tx, t.organizationId, t.taskId))) closed++;
    if (closed) this.logger.warn(`watchdog failed ${closed} call(s) queued too long`);
    return closed;
  }

  private async expire(tx: Tx, orgId: OrgId, taskId: string): Promise<boolean> {
    const task = await this.tasks.lockWaiting(tx, orgId, taskId);
    if (!task) return false;
    await this.tasks.markFinished(tx, orgId, taskId, 'failed', 'queue_timeout');
    const r = endReasonFor('queue_timeout');
    const endReason: CallEndReasonV1 = { status: r.status, reason: 'queue_timeout', fault: r.fault, billable: r.billable };
    const meta = { orgid: orgId };
    const ref = { organizationId: orgId, taskId, kind: task.kind, ...(task.campaign_id ? { campaignId: task.campaign_id } : {}) };
    const source = task.source_call_id ? { sourceCallId: task.source_call_id } : {};
    const events: OutgoingEvent[] = [];
    // Never dialled: the call id the API answered with gets its one end here (a dialled one had its own).
    const callId = task.attempt === 0 ? task.first_call_id : null;
    if (callId) {
      events.push({
        ...meta,
        subject: callId,
        type: Subjects.Dialer.CallEnded,
        data: {
          ...ref, callId, attempt: 1, direction: 'outbound', state: endReason.status, previousState: 'queued', to: task.to_number,
          ...(task.plan?.fromNumber ? { from: task.plan.fromNumber } : {}), ...(task.agent_id ?? task.plan?.agentId ? { agentId: task.agent_id ?? task.plan.agentId } : {}),
          ...(task.operator_user_id ? { operatorUserId: task.operator_user_id } : {}),
          endReason, talkSeconds: 0, waitSeconds: 0, totalSeconds: 0, forwardedSeconds: 0,
        },
      });
    }
    events.push({
      ...meta,
      subject: taskId,
      type: Subjects.Dialer.TaskFinished,
      data: { ...ref, ...source, outcome: 'failed', attempts: task.attempt, lastEndReason: 'queue_timeout', ...(callId ? { lastCallId: callId } : {}) },
    });
    await this.publisher.publishMany(events, { manager: tx });
    return true;
  }
}
