import { Injectable, Logger } from '@nestjs/common';
import { Subjects, type CallRequestedV1 } from '@santral/contracts';
import { EventPublisher, type OutgoingEvent } from '@santral/messaging';
import { asOrgId, type Tx } from '@santral/persistence';
import { CallTaskRepository } from './call-task.repository';

/**
 * campaign.call.requested.v1 → one call task per contact (issue 10 item 1), announced with one
 * `dialer.task.created.v1` per batch (the new tasks only). Idempotent on (campaign, contact): a
 * redelivered or overlapping batch, in any order, stores each contact once and announces it once.
 */
@Injectable()
export class StoreCallTasksUseCase {
  private readonly logger = new Logger(StoreCallTasksUseCase.name);

  constructor(
    private readonly tasks: CallTaskRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(batches: readonly CallRequestedV1[], tx: Tx): Promise<number> {
    const events: OutgoingEvent[] = [];
    let added = 0;
    for (const b of batches) {
      const orgId = asOrgId(b.organizationId);
      const created = await this.tasks.addForCampaign(tx, orgId, b.campaignId, b.batchId, b.contacts);
      added += created.length;
      if (created.length === 0) continue;
      events.push({
        type: Subjects.Dialer.TaskCreated,
        orgid: orgId,
        subject: b.campaignId,
        data: { organizationId: orgId, kind: 'campaign', campaignId: b.campaignId, batchId: b.batchId, tasks: created },
      });
    }
    if (events.length) await this.publisher.publishMany(events, { manager: tx });
    if (added) this.logger.log(`${added} call task(s) stored from ${batches.length} batch(es)`);
    return added;
  }
}
