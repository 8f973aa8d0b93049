import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import type { EndReasonCode } from '@santral/call-state';
import { ProviderRejectedError } from '../../shared/telephony.error';
import { endReasonForFinalStatus, type FinalCallStatus } from '../../shared/end-reasons';
import { refusalOf, type CredentialsCheck } from '../credentials-check';
import { basicAuth, ProviderHttpError, providerRequest, rejectionOf } from '../http-client';
import { ProviderUrlPolicy } from '../provider-url.policy';
import type {
  OriginateRequest, OriginateResult, ParsedWebhook, ProviderAccountContext, ProviderCallStatus, SendSmsRequest, TelephonyProvider, VerifyResult, WebhookRequest, WebhookResponse,
} from '../provider.port';
import { WebhookPayloadError,
  type HangupOutcome,
} from '../provider.port';
import { parseTwilioRecording, parseTwilioTranscription, parseTwilioVoice } from './twilio-callbacks.parser';
import { answeredByOf, formParams, parseTwilioStatus } from './twilio-status.parser';
import { inboundTwiml, recordingCallbackUrl, TWIML_CONTENT_TYPE, twimlSettingsProblems, xml } from './twilio-twiml';

/** Twilio REST error codes that say something about the callee (https://www.twilio.com/docs/api/errors). */
const TWILIO_REASONS: Record<string, EndReasonCode> = { '21211': 'invalid_number', '21214': 'invalid_number', '21215': 'rejected', '21216': 'rejected', '13224': 'invalid_number' };

/** The webhooks a Twilio account sends, by the last path segment of `<webhookBaseUrl>/<event>`. */
export const TWILIO_EVENTS = ['status', 'voice', 'recording', 'transcription'] as const;

/** Twilio Programmable Voice: Calls REST API + Voice webhooks signed with X-Twilio-Signature. */
export class TwilioProvider implements TelephonyProvider {
  readonly type = 'twilio' as const;

  constructor(
    private readonly defaultBaseUrl: string,
    /** Which `settings.baseUrl` a tenant may name; by default only the default's host. */
    private readonly urls = new ProviderUrlPolicy([new URL(defaultBaseUrl).origin]),
  ) {}

  validateConfig(settings: Record<string, unknown>, secrets: Record<string, string>): string[] {
    const p: string[] = [];
    if (!/^AC[0-9a-zA-Z]{8,40}$/.test(secrets.accountSid ?? '')) p.push('secrets.accountSid must be a Twilio Account SID (AC…)');
    if (!secrets.authToken) p.push('secrets.authToken is required');
    const url = this.urls.problem('settings.baseUrl', settings.baseUrl);
    if (url) p.push(url);
    return [...p, ...twimlSettingsProblems(settings)];
  }

  generatedSecrets(): Record<string, string> {
    return {};
  }

  webhookUrl(account: ProviderAccountContext): string {
    return `${account.webhookBaseUrl}/status`;
  }

  private api(account: ProviderAccountContext, path: string): string {
    const base = this.urls.resolve('settings.baseUrl', account.settings.baseUrl, this.defaultBaseUrl);
    return `${base.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(account.secrets.accountSid ?? '')}${path}`;
  }

  private auth(account: ProviderAccountContext): Record<string, string> {
    return { authorization: basicAuth(account.secrets.accountSid ?? '', account.secrets.authToken ?? '') };
  }

  private codeOf = (body: Record<string, unknown>) => (body.code !== undefined ? String(body.code) : undefined);

  async testCredentials(account: ProviderAccountContext): Promise<CredentialsCheck> {
    try {
      await providerRequest({ method: 'GET', url: this.api(account, '.json'), headers: this.auth(account) });
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: refusalOf(err), cause: err };
    }
  }

  async originate(account: ProviderAccountContext, req: OriginateRequest): Promise<OriginateResult> {
    const form: Record<string, string | string[]> = {
      To: req.to,
      From: req.from,
      StatusCallback: `${this.webhookUrl(account)}?callId=${req.callId}`,
      StatusCallbackMethod: 'POST',
      StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      Timeout: String(req.ringTimeoutSeconds),
    };
    // settings.record: true → every call, false → none, absent → as the command asks.
    const record = typeof account.settings.record === 'boolean' ? account.settings.record : req.record;
    form.Record = String(record);
    if (record) {
      form.RecordingStatusCallback = recordingCallbackUrl(account, req.callId);
      form.RecordingStatusCallbackMethod = 'POST';
      form.RecordingStatusCallbackEvent = ['completed', 'absent'];
      if (account.settings.recordingChannels === 'mono' || account.settings.recordingChannels === 'dual') form.RecordingChannels = account.settings.recordingChannels;
    }
    if (typeof account.settings.answerUrl === 'string') form.Url = account.settings.answerUrl;
    else form.Twiml = '<Response><Pause length="3600"/></Response>';
    if (account.settings.machineDetection === true) form.MachineDetection = 'Enable';
    if (req.maxDurationSeconds) form.TimeLimit = String(req.maxDurationSeconds);
    try {
      const res = await providerRequest<{ sid: string }>({ method: 'POST', url: this.api(account, '/Calls.json'), headers: this.auth(account), form });
      return { providerCallId: res.sid };
    } catch (err) {
      try {
        return rejectionOf(err, this.codeOf);
      } catch (rejected) {
        if (rejected instanceof ProviderRejectedError && TWILIO_REASONS[rejected.providerCode]) {
          throw new ProviderRejectedError(rejected.providerCode, rejected.message, undefined, TWILIO_REASONS[rejected.providerCode]);
        }
        throw rejected;
      }
    }
  }

  async hangup(account: ProviderAccountContext, providerCallId: string): Promise<HangupOutcome> {
    try {
      await providerRequest({ method: 'POST', url: this.api(account, `/Calls/${encodeURIComponent(providerCallId)}.json`), headers: this.auth(account), form: { Status: 'completed' } });
      return 'hung_up';
    } catch (err) {
      // 20404: no such call resource; 21220: the call is no longer in progress (it ended).
      const code = err instanceof ProviderHttpError ? (err.body as { code?: number } | undefined)?.code : undefined;
      if (err instanceof ProviderHttpError && (err.status === 404 || code === 21220)) return 'already_gone';
      throw err;
    }
  }

  async transfer(account: ProviderAccountContext, providerCallId: string, target: string): Promise<void> {
    const dial = target.startsWith('sip') ? `<Sip>${xml(target)}</Sip>` : `<Number>${xml(target)}</Number>`;
    await providerRequest({
      method: 'POST',
      url: this.api(account, `/Calls/${encodeURIComponent(providerCallId)}.json`),
      headers: this.auth(account),
      form: { Twiml: `<Response><Dial>${dial}</Dial></Response>` },
    });
  }

  async sendSms(account: ProviderAccountContext, req: SendSmsRequest): Promise<{ providerMessageId: string }> {
    const from = req.from ?? (typeof account.settings.smsFrom === 'string' ? account.settings.smsFrom : '');
    try {
      const res = await providerRequest<{ sid: string }>({ method: 'POST', url: this.api(account, '/Messages.json'), headers: this.auth(account), form: { To: req.to, From: from, Body: req.body } });
      return { providerMessageId: res.sid };
    } catch (err) {
      return rejectionOf(err, this.codeOf);
    }
  }

  async fetchCallStatus(account: ProviderAccountContext, providerCallId: string): Promise<ProviderCallStatus> {
    let c: Record<string, unknown>;
    try {
      c = await providerRequest({ method: 'GET', url: this.api(account, `/Calls/${encodeURIComponent(providerCallId)}.json`), headers: this.auth(account) });
    } catch (err) {
      if (err instanceof ProviderHttpError && err.status === 404) return { state: 'unknown' };
      throw err;
    }
    const status = String(c.status);
    if (!['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(status)) return { state: 'active' };
    const duration = Number(c.duration ?? 0) || 0;
    const endReason = endReasonForFinalStatus(status as FinalCallStatus, { answeredBy: answeredByOf(typeof c.answered_by === 'string' ? c.answered_by : undefined), providerCode: status });
    const talk = status === 'completed' ? duration : 0;
    return { state: 'ended', endReason, talkSeconds: talk, waitSeconds: 0, totalSeconds: duration };
  }

  verifyWebhook(account: ProviderAccountContext, req: WebhookRequest): VerifyResult {
    const sig = req.headers['x-twilio-signature'];
    if (typeof sig !== 'string' || !sig || !account.secrets.authToken) return { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' };
    const params = req.contentType.startsWith('application/x-www-form-urlencoded') ? formParams(req.rawBody) : {};
    try {
      return validateRequest(account.secrets.authToken, sig, req.url, params) ? { ok: true } : { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' };
    } catch {
      return { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' };
    }
  }

  parseWebhook(_account: ProviderAccountContext, req: WebhookRequest): ParsedWebhook {
    if (!(TWILIO_EVENTS as readonly string[]).includes(req.event)) throw new WebhookPayloadError(`unknown event ${req.event}`);
    if (!req.contentType.startsWith('application/x-www-form-urlencoded')) throw new WebhookPayloadError('Twilio callbacks are form-encoded');
    const params = formParams(req.rawBody);
    const now = new Date();
    switch (req.event as (typeof TWILIO_EVENTS)[number]) {
      case 'status':
        return parseTwilioStatus(req.url, params, now);
      case 'voice':
        return parseTwilioVoice(req.url, params, now);
      case 'recording':
        return parseTwilioRecording(req.url, params, now);
      case 'transcription':
        return parseTwilioTranscription(req.url, params, now);
    }
  }

  /** The incoming-call webhook must be answered with TwiML (a replay gets the same); the callbacks with anything 2xx. */
  webhookResponse(account: ProviderAccountContext, event: string): WebhookResponse | undefined {
    return event === 'voice' ? { contentType: TWIML_CONTENT_TYPE, body: inboundTwiml(account) } : undefined;
  }
}
