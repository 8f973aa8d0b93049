import { Controller } from '@nestjs/common';
import { Subjects, type EventEnvelope, type TelephonyCallAnsweredV1, type TelephonyCallEndedV1, type TelephonyCallForwardingV1, type TelephonyCallRingingV1 } from '@santral/contracts';
import { OnEvent, OnEventBatch, type ReceivedEvent } from '@santral/messaging';
import { afterCommit, type Tx } from '@santral/persistence';
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
    return this.progress.execute(fact.organizationId, fact.callId, 'answered', { type: 'answered', answeredBy: fact.answeredBy }, tx, { operator: fact.operator });
  }

  @OnEvent(Subjects.Telephony.CallForwarding, { concurrency: 8 })
  onForwarding(fact: TelephonyCallForwardingV1, _e: EventEnvelope<TelephonyCallForwardingV1>, tx: Tx) {
    return this.progress.execute(fact.organizationId, fact.callId, 'forwarding', { type: 'forward_started', target: fact.target }, tx, { target: fact.target });
  }

  /** Many ends share one inbox transaction under load (a failing one is retried alone). */
  @OnEventBatch(Subjects.Telephony.CallEnded, { batchSize: 50, concurrency: 4 })
  async onEnded(events: Array<ReceivedEvent<TelephonyCallEndedV1>>, tx: Tx): Promise<void> {
    const freed = await this.ended.execute(events.map((e) => e.data), tx);
    // The freed slots are reused on this event: the pass runs once the inbox transaction has
    // committed (a pass started before the commit would still see the slots held).
    if (freed) afterCommit(tx, () => this.dispatcher.wake());
  }
}
