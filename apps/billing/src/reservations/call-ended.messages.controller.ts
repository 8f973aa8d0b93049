import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Subjects, type DialerCallEndedV1 } from '@santral/contracts';
import { OnEventBatch, type ReceivedEvent } from '@santral/messaging';
import { SettleCallUseCase } from './settle-call.use-case';

/**
 * dialer.call.ended.v1 → the attempt's one settlement (the inbox and the settlement row make it
 * once). Under load many ends share one inbox transaction and are settled in a few statements; a
 * batch that fails is retried one event at a time by the consumer.
 */
@Injectable()
export class CallEndedMessagesController {
  constructor(private readonly settle: SettleCallUseCase) {}

  @OnEventBatch(Subjects.Dialer.CallEnded, { batchSize: 200, concurrency: 2 })
  async ended(events: Array<ReceivedEvent<DialerCallEndedV1>>, manager: EntityManager): Promise<void> {
    await this.settle.execute(events, manager);
  }
}
