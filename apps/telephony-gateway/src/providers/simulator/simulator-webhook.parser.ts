import { endReasonCodeForSipCause, endReasonFor } from '@santral/call-state';
import { endReasonForFinalStatus, type FinalCallStatus } from '../../shared/end-reasons';
import { type Json, bool, optInt, optString, optUuid, parseJsonObject, record, reqString, seconds, timestamp } from '../../shared/field-readers';
import { type AnsweredBy, type LegType, type NormalizedFact, type ParsedWebhook, WebhookPayloadError } from '../provider.port';

/** Event names the simulator posts to `/webhooks/simulator/{accountId}/{event}`. */
export const SIMULATOR_EVENTS = [
  'call.initiated',
  'call.ringing',
  'call.answered',
  'call.forwarding',
  'call.forwarded',
  'call.transfer_failed',
  'call.leg_ended',
  'call.completed',
  'call.inbound',
  'recording.completed',
  'transcript.segment',
  'transcript.completed',
] as const;
export type SimulatorEvent = (typeof SIMULATOR_EVENTS)[number];

const FINAL: readonly string[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];
const TRANSFER_FAILURES = ['no_answer', 'busy', 'invalid_target', 'rejected', 'provider_error'] as const;
const LEG_TYPES: readonly string[] = ['customer', 'operator', 'agent', 'transfer'];
const SPEAKERS = ['agent', 'operator', 'customer'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) throw new WebhookPayloadError(`${field} is invalid`);
  return value as T;
}

function answeredBy(d: Json): AnsweredBy {
  const v = optString(d, 'answeredBy', 20);
  return v === 'human' || v === 'machine' ? v : 'unknown';
}

function completedFact(d: Json): NormalizedFact {
  const status = oneOf(optString(d, 'status', 20), FINAL as readonly FinalCallStatus[], 'data.status');
  const sipCause = optInt(d, 'sipCause', 100, 699);
  const hangupBy = optString(d, 'hangupBy', 20);
  const endReason = endReasonForFinalStatus(status, {
    answeredBy: answeredBy(d),
    hangupBy: hangupBy === 'customer' || hangupBy === 'agent' || hangupBy === 'operator' ? hangupBy : undefined,
    sipCause,
    providerCode: optString(d, 'errorCode', 100),
  });
  return {
    kind: 'ended',
    direction: optString(d, 'direction', 20) === 'inbound' ? 'inbound' : 'outbound',
    talkSeconds: seconds(d, 'talkSeconds'),
    waitSeconds: seconds(d, 'waitSeconds'),
    totalSeconds: seconds(d, 'totalSeconds'),
    forwardedSeconds: seconds(d, 'forwardedSeconds'),
    endReason,
    isLost: bool(d, 'isLost'),
    tags: [],
  };
}

function factsFor(type: SimulatorEvent, d: Json): NormalizedFact[] {
  switch (type) {
    case 'call.initiated':
      return []; // the originate itself emitted telephony.call.initiated
    case 'call.ringing':
      return [{ kind: 'ringing' }];
    case 'call.answered':
      return [{ kind: 'answered', answeredBy: answeredBy(d) }];
    case 'call.forwarding':
    case 'call.forwarded':
      return [{ kind: type === 'call.forwarding' ? 'forwarding' : 'forwarded', target: reqString(d, 'target', 300) }];
    case 'call.transfer_failed':
      return [{ kind: 'transfer_failed', target: reqString(d, 'target', 300), reason: oneOf(optString(d, 'reason', 30), TRANSFER_FAILURES, 'data.reason'), sipCause: optInt(d, 'sipCause', 100, 699) }];
    case 'call.leg_ended': {
      const sip = optInt(d, 'sipCause', 100, 699);
      const code = sip !== undefined ? endReasonCodeForSipCause(sip) : undefined;
      return [{
        kind: 'leg_ended',
        legId: reqString(d, 'legId', 200),
        legType: oneOf(optString(d, 'legType', 20), LEG_TYPES as readonly LegType[], 'data.legType'),
        talkSeconds: seconds(d, 'talkSeconds'),
        totalSeconds: seconds(d, 'totalSeconds'),
        endReason: code ? endReasonFor(code, { sipCause: sip }) : undefined,
      }];
    }
    case 'call.completed':
      return [completedFact(d)];
    case 'call.inbound':
      return [{ kind: 'call_seen', direction: 'inbound', rawFrom: reqString(d, 'from', 100), to: reqString(d, 'to', 100) }];
    case 'recording.completed':
      return [{ kind: 'recording', providerRecordingId: reqString(d, 'recordingSid', 200), url: reqString(d, 'url', 2000), durationSeconds: seconds(d, 'durationSeconds'), contentType: optString(d, 'contentType', 100) }];
    case 'transcript.segment':
      return [{
        kind: 'transcript_segment',
        seq: optInt(d, 'seq', 0, 1_000_000) ?? 0,
        speaker: oneOf(optString(d, 'speaker', 20), SPEAKERS, 'data.speaker'),
        text: reqString(d, 'text', 10_000),
        startMs: optInt(d, 'startMs', 0, 86_400_000) ?? 0,
        endMs: optInt(d, 'endMs', 0, 86_400_000) ?? 0,
        language: optString(d, 'language', 35),
      }];
    case 'transcript.completed':
      return [{ kind: 'transcript_completed', segmentCount: optInt(d, 'segmentCount', 0, 1_000_000) ?? 0 }];
  }
}

/** Parses one simulator webhook; the Standard-Webhooks message id is the dedupe key. */
export function parseSimulatorWebhook(event: string, webhookId: string, raw: Buffer, now: Date): ParsedWebhook {
  const body = parseJsonObject(raw);
  const type = oneOf(optString(body, 'type', 40), SIMULATOR_EVENTS, 'type');
  if (type !== event) throw new WebhookPayloadError('type does not match the path');
  const data = record(body, 'data');
  return {
    dedupeKey: webhookId,
    providerCallId: reqString(body, 'callSid', 100),
    callId: optUuid(body, 'clientRef'),
    occurredAt: timestamp(body, 'timestamp', now),
    legIds: [],
    facts: factsFor(type, data),
  };
}
