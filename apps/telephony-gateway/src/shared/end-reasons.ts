import {
  endReasonCodeForProviderCode,
  endReasonCodeForSipCause,
  endReasonFor,
  type EndReason,
  type EndReasonCode,
} from '@santral/call-state';
import { CALL_END_REASONS, type CallEndReasonV1 } from '@santral/contracts';
import type { AnsweredBy } from '../providers/provider.port';

/** Final call status words shared by Twilio's API and the simulator (which mimics it). */
export type FinalCallStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface FinalStatusDetails {
  answeredBy?: AnsweredBy;
  hangupBy?: 'customer' | 'agent' | 'operator';
  sipCause?: number;
  /** A provider error name such as Stringee's REQUEST_ANSWER_URL_ERROR (S3), or a numeric code. */
  providerCode?: string;
  talkSeconds?: number;
}

function failedCode(d: FinalStatusDetails): EndReasonCode {
  const byCode = d.providerCode ? endReasonCodeForProviderCode(d.providerCode) : undefined;
  if (byCode) return byCode;
  const bySip = d.sipCause !== undefined ? endReasonCodeForSipCause(d.sipCause) : undefined;
  return bySip ?? 'provider_error';
}

/** Maps a provider's final status onto the one taxonomy of libs/call-state (DESIGN §7). */
export function endReasonForFinalStatus(status: FinalCallStatus, d: FinalStatusDetails = {}): EndReason {
  const extras = { providerCode: d.providerCode ?? status, sipCause: d.sipCause };
  switch (status) {
    case 'completed': {
      if (d.answeredBy === 'machine') return endReasonFor('voicemail', extras);
      const party = d.hangupBy ? (`${d.hangupBy}_hung_up` as const) : 'completed';
      return endReasonFor(party, extras);
    }
    case 'busy':
      return endReasonFor('busy', { ...extras, sipCause: d.sipCause ?? 486 });
    case 'no-answer':
      return endReasonFor('no_answer', extras);
    case 'canceled':
      return endReasonFor('cancelled_by_user', extras);
    case 'failed':
      return endReasonFor(failedCode(d), { ...extras, status: 'failed' });
  }
}

const WIRE_REASONS = new Set<string>(CALL_END_REASONS);

/**
 * Taxonomy codes that the contracts vocabulary does not (yet) list, mapped to the
 * nearest word on the wire. The taxonomy code itself travels in `message`.
 */
const WIRE_FALLBACK: Partial<Record<EndReasonCode, string>> = {
  TO_NUMBER_NOT_ALLOWS_CALLOUT: 'dnc_blocked',
};

/** EndReason (call-state) → CallEndReasonV1 (contracts), keeping status, fault, billable and raw codes. */
export function toWireEndReason(r: EndReason): CallEndReasonV1 {
  const onWire = WIRE_REASONS.has(r.reason);
  const reason = (onWire ? r.reason : (WIRE_FALLBACK[r.reason] ?? 'provider_error')) as CallEndReasonV1['reason'];
  const wire: CallEndReasonV1 = { status: r.status, reason, fault: r.fault, billable: r.billable };
  if (r.providerCode !== undefined) wire.providerCode = r.providerCode.slice(0, 100);
  if (r.sipCause !== undefined && r.sipCause >= 100 && r.sipCause <= 699) wire.sipCause = r.sipCause;
  if (!onWire) wire.message = `taxonomy reason: ${r.reason}`;
  return wire;
}
