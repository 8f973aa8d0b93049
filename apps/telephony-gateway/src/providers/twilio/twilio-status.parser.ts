import { createHash } from 'node:crypto';
import { optInt, optString, seconds } from '../../shared/field-readers';
import { endReasonForFinalStatus, type FinalCallStatus } from '../../shared/end-reasons';
import { type AnsweredBy, type NormalizedFact, type ParsedWebhook, WebhookPayloadError } from '../provider.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FINAL: readonly string[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];

/** Twilio AnsweredBy (AMD) → ours. */
export function answeredByOf(v: string | undefined): AnsweredBy {
  if (v === 'human') return 'human';
  if (v && (v.startsWith('machine') || v === 'fax')) return 'machine';
  return 'unknown';
}

/** Twilio form body → flat params (the signature covers exactly these). */
export function formParams(raw: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) params[k] = v;
  return params;
}

/**
 * A digest of exactly what X-Twilio-Signature covers (the URL Twilio called and every form
 * param), in an unambiguous form: a retry of a callback repeats it, while anything an
 * interceptor can change without the auth token (headers such as I-Twilio-Idempotency-Token)
 * is not part of it.
 */
export function signedContentDigest(url: string, params: Record<string, string>): string {
  const sorted = Object.keys(params).sort().map((k) => [k, params[k]]);
  return createHash('sha256').update(JSON.stringify([url, sorted])).digest('base64url');
}

/** Our call id from a callback URL we gave Twilio (`?callId=`), when there is a valid one. */
export function callIdFromUrl(url: string): string | undefined {
  try {
    const q = new URL(url).searchParams.get('callId');
    return q && UUID.test(q) ? q.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function factsFor(status: string, p: Record<string, string>): NormalizedFact[] {
  switch (status) {
    case 'queued':
    case 'initiated':
      return [];
    case 'ringing':
      return [{ kind: 'ringing' }];
    case 'in-progress':
    case 'answered':
      return [{ kind: 'answered', answeredBy: answeredByOf(optString(p, 'AnsweredBy', 40)) }];
    default: {
      if (!FINAL.includes(status)) throw new WebhookPayloadError(`unknown CallStatus ${status}`);
      const talk = status === 'completed' ? seconds(p, 'CallDuration') : 0;
      const endReason = endReasonForFinalStatus(status as FinalCallStatus, {
        answeredBy: answeredByOf(optString(p, 'AnsweredBy', 40)),
        sipCause: optInt(p, 'SipResponseCode', 100, 699),
        providerCode: optString(p, 'ErrorCode', 100) ?? status,
      });
      const direction = (optString(p, 'Direction', 30) ?? 'outbound-api').startsWith('inbound') ? 'inbound' : 'outbound';
      return [{ kind: 'ended', direction, talkSeconds: talk, waitSeconds: 0, totalSeconds: seconds(p, 'Duration') || talk, forwardedSeconds: 0, endReason, isLost: false, tags: [] }];
    }
  }
}

/**
 * A Twilio status callback (`StatusCallbackEvent` initiated/ringing/answered/completed). The dedupe
 * key is the digest of the signed content: I-Twilio-Idempotency-Token is not signed, so a captured
 * callback re-sent with a new token must not count as new.
 */
export function parseTwilioStatus(url: string, p: Record<string, string>, now: Date): ParsedWebhook {
  const callSid = optString(p, 'CallSid', 64);
  if (!callSid || !/^CA[0-9a-zA-Z]{1,62}$/.test(callSid)) throw new WebhookPayloadError('CallSid is missing or invalid');
  const status = optString(p, 'CallStatus', 30);
  if (!status) throw new WebhookPayloadError('CallStatus is required');
  const stamp = optString(p, 'Timestamp', 100);
  const occurredAt = stamp && !Number.isNaN(Date.parse(stamp)) ? new Date(stamp) : now;
  return {
    dedupeKey: `status:${callSid}:${status}:${signedContentDigest(url, p)}`,
    providerCallId: callSid,
    callId: callIdFromUrl(url),
    occurredAt,
    legIds: [],
    facts: factsFor(status, p),
  };
}
