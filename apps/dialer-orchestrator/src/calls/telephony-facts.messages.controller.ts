import { Controller } from '@nestjs/common';
import { Subjects, type EventEnvelope, type TelephonyCallEndedV1 } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { Dispatcher } from '../dispatch/dispatcher';
import { ApplyCallEndedUseCase } from './apply-call-ended.use-case';

/** Telephony facts about the dialer's calls; translation only. */
@Controller()
export class TelephonyFactsMessagesController {
  constructor(
    private readonly ended: ApplyCallEndedUseCase,
    private readonly dispatcher: Dispatcher,
  ) {}

  @OnEvent(Subjects.Telephony.CallEnded, { concurrency: 8 })
  async onEnded(fact: TelephonyCallEndedV1, _e: EventEnvelope<TelephonyCallEndedV1>, tx: Tx): Promise<void> {
    // The freed slot is reused on this event: the pass runs once the inbox transaction has committed.
    if (await this.ended.execute(fact, tx)) setImmediate(() => this.dispatcher.wake());
  }
}
