import { Controller } from '@nestjs/common';
import { Subjects, type CallRequestedV1 } from '@santral/contracts';
import { OnEventBatch, type ReceivedEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { StoreCallTasksUseCase } from './store-call-tasks.use-case';

/** Batches of contacts from campaigns, many per inbox transaction (a campaign of a million contacts). */
@Controller()
export class CallRequestsMessagesController {
  constructor(private readonly store: StoreCallTasksUseCase) {}

  @OnEventBatch(Subjects.Campaign.CallRequested, { batchSize: 20 })
  async onCallRequested(events: Array<ReceivedEvent<CallRequestedV1>>, tx: Tx): Promise<void> {
    await this.store.execute(events.map((e) => e.data), tx);
  }
}
