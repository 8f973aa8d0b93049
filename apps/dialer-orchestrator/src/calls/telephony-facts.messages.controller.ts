import { Controller } from '@nestjs/common';
import { Subjects, type EventEnvelope, type TelephonyCallAnsweredV1, type TelephonyCallEndedV1, type TelephonyCallRingingV1 } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { Dispatcher } from '../dispatch/dispatcher';
import { ApplyCallEndedUseCase } from './apply-call-ended.use-case';
import { ApplyCallProgressUseCase } from './apply-call-progress.use-case';

/** Telephony facts about the dialer's calls; translation only. */
@Controller()
export class TelephonyFactsMessagesController {
  constructor(
    private readonly ended: ApplyCallEndedUseCase,
    private readonly dispatcher: Dispatcher,
    private readonly progress: ApplyCallProgressUseCase,
  ) {}

  @OnEvent(Subjects.Telephony.CallRinging, { concurrency: 8 })
  onRinging(fact: TelephonyCallRingingV1, _e: EventEnvelope<TelephonyCallRingingV1>, tx: Tx) {
    return this.progress.execute(fact.organizationId, fact.callId, 'ringing', { type: 'ringing' }, tx);
  }

  @OnEvent(Subjects.Telephony.CallAnswered, { concurrency: 8 })
  onAnswered(fact: TelephonyCallAnsweredV1, _e: EventEnvelope<TelephonyCallAnsweredV1>, tx: Tx) {
    return this.progress.execute(fact.organizationId, fact.callId, 'answered', { type: 'answered', answeredBy: fact.answeredBy }, tx);
  }

  @OnEvent(Subjects.Telephony.CallEnded, { concurrency: 8 })
  async onEnded(fact: TelephonyCallEndedV1, _e: EventEnvelope<TelephonyCallEndedV1>, tx: Tx): Promise<void> {
    // The freed slot is reused on this event: the pass runs once the inbox transaction has committed.
    if (await this.ended.execute(fact, tx)) setImmediate(() => this.dispatcher.wake());
  }
}
