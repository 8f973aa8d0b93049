import { Injectable } from '@nestjs/common';
import type { DialerCallEndedV1 } from '@santral/contracts';
import { asOrgId, type Tx } from '@santral/persistence';
import { callerIdKey } from '@santral/phone';
import { CustomerCallsPort } from './customers.port';

/**
 * dialer.call.ended.v1 → the card's call history, keyed by the other party's number: the callee of
 * an outbound call, the caller of an inbound one (the dialer records inbound calls too, so this one
 * event covers both). Once per call: a redelivery or a replay with another event id changes nothing,
 * and the order of calls is their end time, not the order the events arrive in.
 */
@Injectable()
export class RecordCustomerCallUseCase {
  constructor(private readonly calls: CustomerCallsPort) {}

  async execute(event: DialerCallEndedV1, endedAt: Date, tx: Tx): Promise<boolean> {
    const number = event.direction === 'inbound' ? event.from : event.to;
    const key = number ? callerIdKey(number) : null;
    if (key === null) return false;
    await this.calls.record(
      asOrgId(event.organizationId),
      { callId: event.callId, callerIdKey: key, direction: event.direction, reason: event.endReason.reason, talkSeconds: event.talkSeconds, endedAt },
      tx,
    );
    return true;
  }
}
