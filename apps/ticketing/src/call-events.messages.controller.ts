import { Controller } from '@nestjs/common';
import { Subjects, type DialerCallEndedV1, type EventEnvelope, type TelephonyInboundReceivedV1 } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { MatchInboundCallerUseCase } from './customers/match-inbound-caller.use-case';
import { RecordCustomerCallUseCase } from './customers/record-customer-call.use-case';
import { RecordCallFactUseCase } from './tickets/record-call-fact.use-case';

/**
 * The call events both features of this service read: one durable consumer per subject for the
 * service (the NATS permissions name each by service and subject), applied in one inbox transaction
 * — the customers' side (call history, the screen-pop event), then the call's ticket track.
 * Translation only; each use case is idempotent.
 */
@Controller()
export class TicketingCallEventsController {
  constructor(
    private readonly customerCall: RecordCustomerCallUseCase,
    private readonly screenPop: MatchInboundCallerUseCase,
    private readonly ticketTrack: RecordCallFactUseCase,
  ) {}

  @OnEvent(Subjects.Telephony.InboundReceived, { concurrency: 8 })
  async inbound(f: TelephonyInboundReceivedV1, e: EventEnvelope<TelephonyInboundReceivedV1>, tx: Tx): Promise<void> {
    await this.screenPop.execute(f, new Date(e.time), tx);
    await this.ticketTrack.execute(f.organizationId, f.callId, { type: 'inbound_received', at: e.time, number: f.from ?? null }, tx);
  }

  @OnEvent(Subjects.Dialer.CallEnded, { concurrency: 8 })
  async dialerEnded(d: DialerCallEndedV1, e: EventEnvelope<DialerCallEndedV1>, tx: Tx): Promise<void> {
    await this.customerCall.execute(d, new Date(e.time), tx);
    if (d.kind !== 'click_to_call') return;
    await this.ticketTrack.execute(d.organizationId, d.callId, { type: 'dialer_click_to_call', at: e.time, number: d.to, ticketId: d.ticketId ?? null, operatorUserId: d.operatorUserId ?? null, queued: false }, tx);
    await this.ticketTrack.execute(d.organizationId, d.callId, { type: 'dialer_ended', at: e.time, answered: d.answeredAt !== undefined || d.talkSeconds > 0 }, tx);
  }
}
