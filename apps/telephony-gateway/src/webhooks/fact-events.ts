import { Subjects, type PayloadOf } from '@santral/contracts';
import type { OutgoingEvent } from '@santral/messaging';
import { normalizePhoneNumber } from '@santral/phone';
import type { NormalizedFact, ProviderAccountContext, ProviderOperator } from '../providers/provider.port';
import { toWireEndReason } from '../shared/end-reasons';

export interface ResolvedFact {
  account: ProviderAccountContext;
  callId: string;
  providerCallId: string;
  occurredAt: Date;
  fact: NormalizedFact;
}

function operatorOf(account: ProviderAccountContext, op: ProviderOperator | undefined) {
  if (!op) return undefined;
  const userId = account.operatorMap[op.providerEmployeeId];
  return { providerEmployeeId: op.providerEmployeeId, ...(op.name ? { name: op.name.slice(0, 200) } : {}), ...(userId ? { userId } : {}) };
}

const secs = (n: number) => Math.max(0, Math.round(n));

function country(account: ProviderAccountContext): string | undefined {
  return typeof account.settings.defaultCountry === 'string' ? account.settings.defaultCountry : undefined;
}

/** E.164 of a provider-reported number (B2), or undefined when it cannot be normalized. */
export function e164(account: ProviderAccountContext, raw: string): string | undefined {
  const r = normalizePhoneNumber(raw.startsWith('+') || raw.length < 11 ? raw : `+${raw}`, country(account));
  if (r.ok) return r.e164;
  const again = normalizePhoneNumber(raw, country(account));
  return again.ok ? again.e164 : undefined;
}

type FactSubject = (typeof Subjects.Telephony)[keyof typeof Subjects.Telephony];

/** One normalized provider fact → the event written to the outbox, its data checked against the contracts class. */
export function toEvent(r: ResolvedFact): OutgoingEvent | undefined {
  const { account, fact } = r;
  const base = { organizationId: account.organizationId, callId: r.callId, providerAccountId: account.id, provider: account.type, providerCallId: r.providerCallId.slice(0, 200) };
  const ev = <S extends FactSubject>(type: S, data: PayloadOf<S>): OutgoingEvent =>
    ({ type, data, orgid: account.organizationId, subject: r.callId, time: r.occurredAt.toISOString() }) as OutgoingEvent;
  switch (fact.kind) {
    case 'ringing':
      return ev(Subjects.Telephony.CallRinging, base);
    case 'answered':
      return ev(Subjects.Telephony.CallAnswered, {
        ...base,
        answeredBy: fact.answeredBy,
        ...(fact.operator ? { operator: operatorOf(account, fact.operator) } : {}),
      });
    case 'forwarding':
      return ev(Subjects.Telephony.CallForwarding, { ...base, target: fact.target });
    case 'forwarded':
      return ev(Subjects.Telephony.CallForwarded, { ...base, target: fact.target });
    case 'transfer_failed':
      return ev(Subjects.Telephony.CallTransferFailed, { ...base, target: fact.target, reason: fact.reason, ...(fact.providerCode ? { providerCode: fact.providerCode } : {}), ...(fact.sipCause ? { sipCause: fact.sipCause } : {}) });
    case 'leg_ended':
      return ev(Subjects.Telephony.CallLegEnded, {
        ...base, legId: fact.legId, legType: fact.legType, talkSeconds: secs(fact.talkSeconds), totalSeconds: secs(fact.totalSeconds),
        ...(fact.operator ? { operator: operatorOf(account, fact.operator) } : {}),
        ...(fact.endReason ? { endReason: toWireEndReason(fact.endReason) } : {}),
      });
    case 'ended':
      return ev(Subjects.Telephony.CallEnded, {
        ...base, direction: fact.direction, talkSeconds: secs(fact.talkSeconds), waitSeconds: secs(fact.waitSeconds), totalSeconds: secs(fact.totalSeconds),
        forwardedSeconds: secs(fact.forwardedSeconds), endReason: toWireEndReason(fact.endReason), isLost: fact.isLost, tags: fact.tags.slice(0, 50).map((t) => t.slice(0, 100)),
        ...(fact.operator ? { operator: operatorOf(account, fact.operator) } : {}),
      });
    case 'call_seen': {
      if (fact.direction === 'outbound') {
        const callee = e164(account, fact.to);
        return ev(Subjects.Telephony.CallInitiated, { ...base, attempt: 1, ...(callee ? { to: callee } : {}) });
      }
      const to = e164(account, fact.to);
      if (!to) return undefined;
      const from = e164(account, fact.rawFrom);
      return ev(Subjects.Telephony.InboundReceived, { ...base, rawFrom: fact.rawFrom.slice(0, 100) || 'unknown', to, ...(from ? { from } : {}) });
    }
    case 'recording':
      return ev(Subjects.Telephony.RecordingCompleted, { ...base, providerRecordingId: fact.providerRecordingId, url: fact.url, durationSeconds: fact.durationSeconds, ...(fact.contentType ? { contentType: fact.contentType } : {}) });
    case 'transcript_segment':
      return ev(Subjects.Telephony.TranscriptSegmentReceived, {
        organizationId: account.organizationId, callId: r.callId, seq: fact.seq, speaker: fact.speaker, text: fact.text, startMs: fact.startMs, endMs: Math.max(fact.endMs, fact.startMs),
        ...(fact.language ? { language: fact.language } : {}),
      });
    case 'transcript_completed':
      return ev(Subjects.Telephony.TranscriptCompleted, { organizationId: account.organizationId, callId: r.callId, segmentCount: fact.segmentCount });
  }
}
