import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDialTarget, IsE164, IsEntityId, IsIntBetween, IsSeconds, IsText, IsNested } from '../validation/decorators';
import {
  CALL_DIRECTIONS,
  CALL_LEG_TYPES,
  PROVIDERS,
  TRANSCRIPT_SPEAKERS,
  TRANSFER_FAILURE_REASONS,
  type CallDirection,
  type CallLegType,
  type Provider,
  type TranscriptSpeaker,
  type TransferFailureReason,
} from '../vocabulary';
import { CallEndReasonV1, ProviderOperatorV1 } from '../common/call-common';

/**
 * Provider facts, normalized by the telephony-gateway from webhooks. The envelope `time`
 * is the provider's notification time. Consumers must tolerate reordering (a leg event
 * after the call ended).
 */
export class TelephonyCallFactV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsEntityId()
  providerAccountId: string;

  @IsIn(PROVIDERS)
  provider: Provider;

  @IsText(200)
  providerCallId: string;
}

/** telephony.call.initiated.v1 — the provider accepted the originate. */
export class TelephonyCallInitiatedV1 extends TelephonyCallFactV1 {
  @IsIntBetween(1, 100)
  attempt: number;

  /** The callee, when the provider reported the outbound call itself (a softphone call, J6); absent for the dialer's originates. */
  @IsOptional()
  @IsE164()
  to?: string;
}

/** telephony.call.ringing.v1 */
export class TelephonyCallRingingV1 extends TelephonyCallFactV1 {}

/** telephony.call.answered.v1 — answered by the callee (or, inbound, by an operator). */
export class TelephonyCallAnsweredV1 extends TelephonyCallFactV1 {
  /** Who picked up, where the provider reports it (answering-machine detection). */
  @IsIn(['human', 'machine', 'unknown'])
  answeredBy: 'human' | 'machine' | 'unknown';

  @IsOptional()
  @IsNested(() => ProviderOperatorV1)
  operator?: ProviderOperatorV1;
}

class TelephonyTransferFactV1 extends TelephonyCallFactV1 {
  @IsDialTarget()
  target: string;
}

/** telephony.call.forwarding.v1 — a transfer to `target` started. */
export class TelephonyCallForwardingV1 extends TelephonyTransferFactV1 {}

/** telephony.call.forwarded.v1 — the transfer target answered. */
export class TelephonyCallForwardedV1 extends TelephonyTransferFactV1 {}

/** telephony.call.transfer_failed.v1 — the target did not answer or was malformed (E7). */
export class TelephonyCallTransferFailedV1 extends TelephonyTransferFactV1 {
  @IsIn(TRANSFER_FAILURE_REASONS)
  reason: TransferFailureReason;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  providerCode?: string;

  @IsOptional()
  @IsIntBetween(100, 699)
  sipCause?: number;
}

/** telephony.call.leg_ended.v1 — one leg finished (CallGear /endleg); may arrive after call.ended. */
export class TelephonyCallLegEndedV1 extends TelephonyCallFactV1 {
  @IsText(200)
  legId: string;

  @IsIn(CALL_LEG_TYPES)
  legType: CallLegType;

  @IsOptional()
  @IsNested(() => ProviderOperatorV1)
  operator?: ProviderOperatorV1;

  @IsSeconds()
  talkSeconds: number;

  @IsSeconds()
  totalSeconds: number;

  @IsOptional()
  @IsNested(() => CallEndReasonV1)
  endReason?: CallEndReasonV1;
}

/** telephony.call.ended.v1 — the provider says the whole call is over. */
export class TelephonyCallEndedV1 extends TelephonyCallFactV1 {
  @IsIn(CALL_DIRECTIONS)
  direction: CallDirection;

  @IsSeconds()
  talkSeconds: number;

  @IsSeconds()
  waitSeconds: number;

  @IsSeconds()
  totalSeconds: number;

  /** Seconds talked on a forwarded leg (billed extra, E7). */
  @IsSeconds()
  forwardedSeconds: number;

  @IsNested(() => CallEndReasonV1)
  endReason: CallEndReasonV1;

  /** Last operator the call reached or was distributed to (J7). */
  @IsOptional()
  @IsNested(() => ProviderOperatorV1)
  operator?: ProviderOperatorV1;

  /** Inbound: the caller hung up before talking to anyone (CallGear is_lost). */
  @IsBoolean()
  isLost: boolean;

  @IsArray()
  @ArrayMaxSize(50)
  @IsText(100, { each: true })
  tags: string[];
}

/** telephony.inbound.received.v1 — an inbound call reached one of the organization's numbers. */
export class TelephonyInboundReceivedV1 extends TelephonyCallFactV1 {
  /** Caller in E.164; absent when withheld or not normalizable (see rawFrom). */
  @IsOptional()
  @IsE164()
  from?: string;

  @IsText(100)
  rawFrom: string;

  /** The dialled number (DID / virtual number). */
  @IsE164()
  to: string;

  @IsOptional()
  @IsEntityId()
  branchId?: string;
}

/** telephony.recording.completed.v1 — the provider has a recording file (CallGear /recording). */
export class TelephonyRecordingCompletedV1 extends TelephonyCallFactV1 {
  @IsText(200)
  providerRecordingId: string;

  /** Where the provider serves the file; fetched with the provider account's credentials. */
  @IsText(2000)
  url: string;

  @IsSeconds()
  durationSeconds: number;

  @IsOptional()
  @IsText(100)
  contentType?: string;
}

/** telephony.transcript.segment_received.v1 — one utterance of a live transcript. */
export class TelephonyTranscriptSegmentReceivedV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  /** 0-based order of the segment in the call; (callId, seq) is unique. */
  @IsIntBetween(0, 1_000_000)
  seq: number;

  @IsIn(TRANSCRIPT_SPEAKERS)
  speaker: TranscriptSpeaker;

  @IsText(10_000)
  text: string;

  @IsIntBetween(0, 86_400_000)
  startMs: number;

  @IsIntBetween(0, 86_400_000)
  endMs: number;

  @IsOptional()
  @IsText(35)
  language?: string;
}

/** telephony.transcript.completed.v1 — no more segments will come for the call. */
export class TelephonyTranscriptCompletedV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsIntBetween(0, 1_000_000)
  segmentCount: number;
}

class SmsFactV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  smsId: string;

  @IsE164()
  to: string;
}

/** telephony.sms.sent.v1 */
export class TelephonySmsSentV1 extends SmsFactV1 {
  @IsEntityId()
  providerAccountId: string;

  @IsText(200)
  providerMessageId: string;
}

/** telephony.sms.failed.v1 */
export class TelephonySmsFailedV1 extends SmsFactV1 {
  @IsText(100)
  errorCode: string;

  @IsOptional()
  @IsText(500)
  errorMessage?: string;
}
