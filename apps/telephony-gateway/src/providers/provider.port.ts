import type { EndReason } from '@santral/call-state';
import type { ProviderType } from '../provider-accounts/provider-account.entity';
import type { CredentialsCheck } from './credentials-check';

/** A provider account as the adapters see it: settings plus decrypted secrets. */
export interface ProviderAccountContext {
  id: string;
  organizationId: string;
  type: ProviderType;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  operatorMap: Record<string, string>;
  /** `<PUBLIC_BASE_URL>/webhooks/<type>/<id>` (CallGear adds its path token). */
  webhookBaseUrl: string;
}

export interface OriginateRequest {
  callId: string;
  attempt: number;
  from: string;
  to: string;
  agentId?: string;
  /** Click-to-call: the operator's endpoint rings first (E6). */
  operatorEndpoint?: string;
  operatorEmployeeId?: string;
  ringTimeoutSeconds: number;
  maxDurationSeconds?: number;
  record: boolean;
}

export interface OriginateResult {
  providerCallId: string;
  legIds?: string[];
}

export interface SendSmsRequest {
  smsId: string;
  from?: string;
  to: string;
  body: string;
}

/** What the provider says about a call when the reconciler asks (DESIGN §7). */
export type ProviderCallStatus =
  | { state: 'active' }
  | { state: 'ended'; endReason: EndReason; talkSeconds: number; waitSeconds: number; totalSeconds: number }
  | { state: 'unknown' };

/** The HTTP request of a provider webhook, as received. */
export interface WebhookRequest {
  provider: string;
  accountId: string;
  event: string;
  /** CallGear: the secret token path segment. */
  pathToken?: string;
  /** Public URL the provider called (signature base for Twilio). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  contentType: string;
  remoteIp: string;
}

export type VerifyResult = { ok: true } | { ok: false; code: 'WEBHOOK_SIGNATURE_INVALID' | 'WEBHOOK_TIMESTAMP_STALE' | 'WEBHOOK_SOURCE_NOT_ALLOWED' };

export type AnsweredBy = 'human' | 'machine' | 'unknown';
export type LegType = 'customer' | 'operator' | 'agent' | 'transfer';

export interface ProviderOperator {
  providerEmployeeId: string;
  name?: string;
}

/** A provider fact before our call id is resolved. */
export type NormalizedFact =
  | { kind: 'ringing' }
  | { kind: 'answered'; answeredBy: AnsweredBy; operator?: ProviderOperator }
  | { kind: 'forwarding' | 'forwarded'; target: string }
  | { kind: 'transfer_failed'; target: string; reason: 'no_answer' | 'busy' | 'invalid_target' | 'rejected' | 'provider_error'; providerCode?: string; sipCause?: number }
  | { kind: 'leg_ended'; legId: string; legType: LegType; operator?: ProviderOperator; talkSeconds: number; totalSeconds: number; endReason?: EndReason }
  | {
      kind: 'ended';
      direction: 'outbound' | 'inbound';
      talkSeconds: number;
      waitSeconds: number;
      totalSeconds: number;
      forwardedSeconds: number;
      endReason: EndReason;
      operator?: ProviderOperator;
      isLost: boolean;
      tags: string[];
    }
  /** First sight of a call we did not originate: inbound, or outbound from a softphone (J6). */
  | { kind: 'call_seen'; direction: 'outbound' | 'inbound'; rawFrom: string; to: string }
  | { kind: 'recording'; providerRecordingId: string; url: string; durationSeconds: number; contentType?: string }
  | { kind: 'transcript_segment'; seq: number; speaker: 'agent' | 'operator' | 'customer'; text: string; startMs: number; endMs: number; language?: string }
  | { kind: 'transcript_completed'; segmentCount: number };

/** One parsed webhook: a dedupe key and what it says about one provider call. */
export interface ParsedWebhook {
  dedupeKey: string;
  providerCallId: string;
  /** Our call id when the provider echoes it back (client reference, external_id, callback query). */
  callId?: string;
  occurredAt: Date;
  /** Leg ids to store against the call (CallGear leg_id / leg_ids). */
  legIds: string[];
  facts: NormalizedFact[];
}

/** A webhook answer a provider needs instead of the JSON acknowledgement (Twilio: TwiML for an incoming call). */
export interface WebhookResponse {
  contentType: string;
  body: string;
}

/** Raised by parseWebhook for a malformed body (→ 400, nothing stored). */
export class WebhookPayloadError extends Error {}

/** The one provider interface (G1). Every method gets the account it acts for. */
export interface TelephonyProvider {
  readonly type: ProviderType;
  /** Returns the problems with settings/secrets, empty when usable. */
  validateConfig(settings: Record<string, unknown>, secrets: Record<string, string>): string[];
  /** Secrets the gateway generates when missing (e.g. a CallGear path token). */
  generatedSecrets(): Record<string, string>;
  webhookUrl(account: ProviderAccountContext): string;
  /** Never throws: a refusal comes back as its category (the provider's text stays in `cause`). */
  testCredentials(account: ProviderAccountContext): Promise<CredentialsCheck>;
  originate(account: ProviderAccountContext, req: OriginateRequest): Promise<OriginateResult>;
  /**
   * Ends the call at the provider. `already_gone`: the provider no longer has the call (it ended, or
   * the provider restarted and forgot it) — the hangup's purpose is met, so it is not an error.
   */
  hangup(account: ProviderAccountContext, providerCallId: string): Promise<HangupOutcome>;
  transfer(account: ProviderAccountContext, providerCallId: string, target: string): Promise<void>;
  sendSms(account: ProviderAccountContext, req: SendSmsRequest): Promise<{ providerMessageId: string }>;
  fetchCallStatus(account: ProviderAccountContext, providerCallId: string): Promise<ProviderCallStatus>;
  verifyWebhook(account: ProviderAccountContext, req: WebhookRequest): VerifyResult;
  parseWebhook(account: ProviderAccountContext, req: WebhookRequest): ParsedWebhook;
  /**
   * Optional: the 2xx body for a stored (or duplicate) webhook of `event`; undefined → the JSON
   * acknowledgement. Same answer for a replay, since the provider acts on it each time.
   */
  webhookResponse?(account: ProviderAccountContext, event: string): WebhookResponse | undefined;
}

export type HangupOutcome = 'hung_up' | 'already_gone';

export const TELEPHONY_PROVIDERS = Symbol('TELEPHONY_PROVIDERS');
