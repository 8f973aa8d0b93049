import { Controller } from '@nestjs/common';
import { Subjects, type EventEnvelope, type TelephonyInboundReceivedV1 } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { RecordInboundCallUseCase } from './record-inbound-call.use-case';

/** Inbound calls reaching the organization's numbers; translation only. */
@Controller()
export class InboundCallsMessagesController {
  constructor(private readonly record: RecordInboundCallUseCase) {}

  @OnEvent(Subjects.Telephony.InboundReceived, { concurrency: 8 })
  async onInbound(fact: TelephonyInboundReceivedV1, _e: EventEnvelope<TelephonyInboundReceivedV1>, tx: Tx): Promise<void> {
    await this.record.execute(fact, tx);
  }
}
