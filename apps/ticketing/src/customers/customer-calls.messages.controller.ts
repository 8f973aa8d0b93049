import { Controller } from '@nestjs/common';
import { Subjects, type DialerCallEndedV1, type EventEnvelope, type TelephonyInboundReceivedV1 } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { MatchInboundCallerUseCase } from './match-inbound-caller.use-case';
import { RecordCustomerCallUseCase } from './record-customer-call.use-case';

/** Call facts → the card's call history and the screen-pop event; translation only (inbox: once per event). */
@Controller()
export class CustomerCallsMessagesController {
  constructor(
    private readonly record: RecordCustomerCallUseCase,
    private readonly match: MatchInboundCallerUseCase,
  ) {}

  // Named: tickets read the same subjects on durable consumers of their own.
  @OnEvent(Subjects.Dialer.CallEnded, { name: 'customer-calls' })
  async ended(event: DialerCallEndedV1, envelope: EventEnvelope<DialerCallEndedV1>, tx: Tx): Promise<void> {
    await this.record.execute(event, new Date(envelope.time), tx);
  }

  @OnEvent(Subjects.Telephony.InboundReceived, { concurrency: 8, name: 'screen-pop' })
  async inbound(fact: TelephonyInboundReceivedV1, envelope: EventEnvelope<TelephonyInboundReceivedV1>, tx: Tx): Promise<void> {
    await this.match.execute(fact, new Date(envelope.time), tx);
  }
}
