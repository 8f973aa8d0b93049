import { Controller } from '@nestjs/common';
import {
  Subjects,
  type DialerCallAnsweredV1,
  type DialerCallQueuedV1,
  type DialerTaskFinishedV1,
  type EventEnvelope,
  type ProviderOperatorV1,
  type TelephonyCallAnsweredV1,
  type TelephonyCallEndedV1,
  type TelephonyCallInitiatedV1,
  type TelephonyCallLegEndedV1,
  type TelephonyRecordingCompletedV1,
} from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import type { TrackOperator } from './call-track';
import { RecordCallFactUseCase } from './record-call-fact.use-case';

const op = (o: ProviderOperatorV1 | undefined): TrackOperator | undefined => (o ? { providerEmployeeId: o.providerEmployeeId, userId: o.userId ?? null } : undefined);

/**
 * Telephony facts, the dialer's click-to-call events and its callback tasks' ends → the call's track (translation only).
 * telephony.inbound.received and dialer.call.ended, which customers read too, come through
 * TicketingCallEventsController (one durable consumer per subject and service).
 */
@Controller()
export class CallFactsMessagesController {
  constructor(private readonly record: RecordCallFactUseCase) {}

  @OnEvent(Subjects.Telephony.CallInitiated, { concurrency: 8 })
  async initiated(f: TelephonyCallInitiatedV1, e: EventEnvelope<TelephonyCallInitiatedV1>, tx: Tx) {
    // Only a call the provider reported itself (a softphone call) names its callee; the dialer's own calls come through its events.
    if (f.to) await this.record.execute(f.organizationId, f.callId, { type: 'outbound_seen', at: e.time, number: f.to }, tx);
  }

  @OnEvent(Subjects.Telephony.CallAnswered, { concurrency: 8 })
  answered(f: TelephonyCallAnsweredV1, e: EventEnvelope<TelephonyCallAnsweredV1>, tx: Tx) {
    return this.record.execute(f.organizationId, f.callId, { type: 'answered', at: e.time, operator: op(f.operator) }, tx);
  }

  @OnEvent(Subjects.Telephony.CallLegEnded, { concurrency: 8 })
  async legEnded(f: TelephonyCallLegEndedV1, e: EventEnvelope<TelephonyCallLegEndedV1>, tx: Tx) {
    // An operator's leg that talked is that operator's conversation, whether or not its handset notification came.
    if (f.operator && f.legType === 'operator' && f.talkSeconds > 0) await this.record.execute(f.organizationId, f.callId, { type: 'answered', at: e.time, operator: op(f.operator) }, tx);
  }

  @OnEvent(Subjects.Telephony.CallEnded, { concurrency: 8 })
  ended(f: TelephonyCallEndedV1, e: EventEnvelope<TelephonyCallEndedV1>, tx: Tx) {
    return this.record.execute(f.organizationId, f.callId, {
      type: 'ended', at: e.time, direction: f.direction, talkSeconds: f.talkSeconds, isLost: f.isLost, operator: op(f.operator),
    }, tx);
  }

  @OnEvent(Subjects.Telephony.RecordingCompleted, { concurrency: 8 })
  recording(f: TelephonyRecordingCompletedV1, e: EventEnvelope<TelephonyRecordingCompletedV1>, tx: Tx) {
    return this.record.execute(f.organizationId, f.callId, { type: 'recording', at: e.time, url: f.url, durationSeconds: f.durationSeconds }, tx);
  }

  /** The dialer's first event of a call, the one sure to carry the ticket it was placed from. */
  @OnEvent(Subjects.Dialer.CallQueued, { concurrency: 8 })
  async dialerQueued(d: DialerCallQueuedV1, e: EventEnvelope<DialerCallQueuedV1>, tx: Tx) {
    if (d.kind !== 'click_to_call') return;
    await this.record.execute(d.organizationId, d.callId, { type: 'dialer_click_to_call', at: e.time, number: d.to, ticketId: d.ticketId ?? null, operatorUserId: d.operatorUserId ?? null, queued: true }, tx);
  }

  @OnEvent(Subjects.Dialer.CallAnswered, { concurrency: 8 })
  async dialerAnswered(d: DialerCallAnsweredV1, e: EventEnvelope<DialerCallAnsweredV1>, tx: Tx) {
    if (d.kind !== 'click_to_call') return;
    await this.record.execute(d.organizationId, d.callId, { type: 'dialer_click_to_call', at: e.time, number: d.to, ticketId: d.ticketId ?? null, operatorUserId: d.operatorUserId ?? null, queued: false }, tx);
  }

  /** F3: a missed call's callback task finished; its outcome goes to the missed call's track (and so to its ticket). */
  @OnEvent(Subjects.Dialer.TaskFinished, { concurrency: 8 })
  async callbackFinished(d: DialerTaskFinishedV1, e: EventEnvelope<DialerTaskFinishedV1>, tx: Tx) {
    if (d.kind !== 'callback' || !d.sourceCallId) return;
    await this.record.execute(d.organizationId, d.sourceCallId, {
      type: 'callback_finished', at: e.time,
      result: { taskId: d.taskId, outcome: d.outcome, attempts: d.attempts, lastCallId: d.lastCallId ?? null, reason: d.errorCode ?? d.lastEndReason ?? null },
    }, tx);
  }
}
