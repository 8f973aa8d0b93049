import { optInt, optString, seconds } from '../../shared/field-readers';
import { type NormalizedFact, type ParsedWebhook, WebhookPayloadError } from '../provider.port';
import { callIdFromUrl } from './twilio-status.parser';

/**
 * Twilio's other Voice webhooks, each form-encoded and signed like the status callback:
 * the number's incoming-call webhook (`voice`), the RecordingStatusCallback (`recording`) and
 * the <Record> transcribeCallback (`transcription`). Twilio sends no event id with these, so
 * the dedupe key is the resource SID plus its status: a retry repeats both, a new status does not.
 */
type Params = Record<string, string>;

/** Recording statuses Twilio reports; only `completed` carries a file. */
const RECORDING_STATUSES: readonly string[] = ['in-progress', 'paused', 'stopped', 'processing', 'completed', 'absent', 'failed', 'deleted'];
const TRANSCRIPTION_STATUSES: readonly string[] = ['in-progress', 'completed', 'failed'];

function sid(p: Params, key: string, prefix: string): string {
  const v = optString(p, key, 64);
  if (!v || !v.startsWith(prefix) || !/^[0-9a-zA-Z]{3,64}$/.test(v)) throw new WebhookPayloadError(`${key} is missing or invalid`);
  return v;
}

function status(p: Params, key: string, allowed: readonly string[]): string {
  const v = optString(p, key, 30);
  if (!v || !allowed.includes(v)) throw new WebhookPayloadError(`${key} is missing or invalid`);
  return v;
}

function parsed(url: string, dedupeKey: string, callSid: string, now: Date, facts: NormalizedFact[]): ParsedWebhook {
  return { dedupeKey, providerCallId: callSid, callId: callIdFromUrl(url), occurredAt: now, legIds: [], facts };
}

/**
 * "A call comes in": an inbound call is first seen here (→ telephony.inbound.received.v1; the
 * numbers are normalized to E.164 when the fact becomes an event). Twilio fetches this URL once
 * per call, so the CallSid is the key. A non-inbound call (someone pointed an outbound `Url` here)
 * is left to its status callbacks.
 */
export function parseTwilioVoice(url: string, p: Params, now: Date): ParsedWebhook {
  const callSid = sid(p, 'CallSid', 'CA');
  const direction = optString(p, 'Direction', 30) ?? 'inbound';
  if (!direction.startsWith('inbound')) return parsed(url, `voice:${callSid}`, callSid, now, []);
  const to = optString(p, 'To', 100) ?? optString(p, 'Called', 100);
  if (!to) throw new WebhookPayloadError('To is required');
  const rawFrom = optString(p, 'From', 100) ?? optString(p, 'Caller', 100) ?? '';
  return parsed(url, `voice:${callSid}`, callSid, now, [{ kind: 'call_seen', direction: 'inbound', rawFrom, to }]);
}

/**
 * RecordingStatusCallback: `completed` → telephony.recording.completed.v1 with the media URL
 * (fetched later with the account's credentials) and duration. `in-progress`, `absent` (too short
 * or silent) and `failed` are kept as receipts only: the contracts have no recording-failed fact,
 * and "no recording" is what the transcript service reports when none completes.
 */
export function parseTwilioRecording(url: string, p: Params, now: Date): ParsedWebhook {
  const callSid = sid(p, 'CallSid', 'CA');
  const recordingSid = sid(p, 'RecordingSid', 'RE');
  const st = status(p, 'RecordingStatus', RECORDING_STATUSES);
  optInt(p, 'RecordingChannels', 1, 2);
  const facts: NormalizedFact[] = [];
  if (st === 'completed') {
    const media = optString(p, 'RecordingUrl', 2000);
    if (!media || !/^https?:\/\/[^\s]+$/.test(media)) throw new WebhookPayloadError('RecordingUrl is missing or invalid');
    facts.push({ kind: 'recording', providerRecordingId: recordingSid, url: media, durationSeconds: seconds(p, 'RecordingDuration') });
  }
  return parsed(url, `recording:${recordingSid}:${st}`, callSid, now, facts);
}

/**
 * transcribeCallback of <Record transcribe="true">: the text of one recorded message (Twilio
 * transcribes <Record> recordings only, i.e. what the caller said) → one customer segment and
 * telephony.transcript.completed.v1. `failed` → completed with no segments, so the transcript
 * shows "not available" instead of "still processing" (I1).
 */
export function parseTwilioTranscription(url: string, p: Params, now: Date): ParsedWebhook {
  const callSid = sid(p, 'CallSid', 'CA');
  const transcriptionSid = sid(p, 'TranscriptionSid', 'TR');
  if (optString(p, 'RecordingSid', 64) !== undefined) sid(p, 'RecordingSid', 'RE');
  const st = status(p, 'TranscriptionStatus', TRANSCRIPTION_STATUSES);
  const text = st === 'completed' ? optString(p, 'TranscriptionText', 10_000)?.trim() : undefined;
  const facts: NormalizedFact[] =
    st === 'in-progress'
      ? []
      : text
        ? [{ kind: 'transcript_segment', seq: 0, speaker: 'customer', text, startMs: 0, endMs: 0 }, { kind: 'transcript_completed', segmentCount: 1 }]
        : [{ kind: 'transcript_completed', segmentCount: 0 }];
  return parsed(url, `transcription:${transcriptionSid}:${st}`, callSid, now, facts);
}
