import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Subjects, type DialerCallEndedV1, type EventEnvelope } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import { SettleCallUseCase } from './settle-call.use-case';

/** dialer.call.ended.v1 → the attempt's one settlement (the inbox and the settlement row make it once). */
@Injectable()
export class CallEndedMessagesController {
  constructor(private readonly settle: SettleCallUseCase) {}

  @OnEvent(Subjects.Dialer.CallEnded)
  async ended(data: DialerCallEndedV1, _envelope: EventEnvelope<DialerCallEndedV1>, manager: EntityManager): Promise<void> {
    await this.settle.execute(data, manager);
  }
}
