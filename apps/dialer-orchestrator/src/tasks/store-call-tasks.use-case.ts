import { Injectable, Logger } from '@nestjs/common';
import type { CallRequestedV1 } from '@santral/contracts';
import { asOrgId, type Tx } from '@santral/persistence';
import { CallTaskRepository } from './call-task.repository';

/**
 * campaign.call.requested.v1 → one call task per contact (issue 10 item 1). Idempotent on
 * (campaign, contact): a redelivered or overlapping batch, in any order, stores each contact once.
 */
@Injectable()
export class StoreCallTasksUseCase {
  private readonly logger = new Logger(StoreCallTasksUseCase.name);

  constructor(private readonly tasks: CallTaskRepository) {}

  async execute(batches: readonly CallRequestedV1[], tx: Tx): Promise<number> {
    let added = 0;
    for (const b of batches) added += await this.tasks.addForCampaign(tx, asOrgId(b.organizationId), b.campaignId, b.batchId, b.contacts);
    if (added) this.logger.log(`${added} call task(s) stored from ${batches.length} batch(es)`);
    return added;
  }
}
