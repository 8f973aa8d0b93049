import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProviderTestRefusal } from '@santral/contracts';
import { ProviderRejectedError } from '../../shared/telephony.error';
import type {
  HangupOutcome, OriginateRequest, OriginateResult, ParsedWebhook, ProviderAccountContext, ProviderCallStatus, TelephonyProvider, VerifyResult, WebhookRequest,
} from '../provider.port';
import { CALLS_REPORT_FIELDS, callStatusFromReport, dataApiDate, ORIGINATE_REJECTIONS } from './callgear-call-status.mapper';
import { CallGearRpcError, callGearRpc } from './callgear-json-rpc.client';
import { parseCallGearNotification } from './callgear-notification.parser';
import { callGearTimeZone, timeZoneSettingProblems } from './callgear-time';
import { blindTransfer, callGearTransferTarget, holdMessageOf } from './callgear-transfer';
import { ipAllowed } from '../../shared/ip-allow-list';
import { refusalOf, type CredentialsCheck } from '../credentials-check';
import { ProviderUrlPolicy } from '../provider-url.policy';

export interface CallGearOptions {
  callApiUrl: string;
  dataApiUrl: string;
  /** Which `settings.callApiUrl` / `settings.dataApiUrl` a tenant may name; by default the two defaults' hosts. */
  urls?: ProviderUrlPolicy;
  /** The reconciler's clock (tests pin it). */
  now?: () => Date;
}

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const SESSION_ID = /^\d{1,18}$/;
/** get.calls_report needs a date window (at most 3 months), on the account's wall clock (settings.timeZone); wide, as that setting may be wrong. */
const REPORT_LOOKBACK_MS = 7 * 86_400_000;
const REPORT_LOOKAHEAD_MS = 86_400_000;

const positiveInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0) || (typeof v === 'string' && /^[1-9]\d{0,17}$/.test(v));
const digits = (e164: string) => e164.replace(/^\+/, '');

/**
 * CallGear (https://callgear.github.io): notifications (S4) verified by a secret token in the path
 * plus an optional IP allow-list; calls through the JSON-RPC Call API (start.employee_call,
 * release.call, hold.call → make.call → transfer.talk); the reconciler asks the Data API
 * (get.calls_report) about a call that went silent.
 */
export class CallGearProvider implements TelephonyProvider {
  readonly type = 'callgear' as const;

  private readonly urls: ProviderUrlPolicy;

  constructor(private readonly opts: CallGearOptions) {
    this.urls = opts.urls ?? new ProviderUrlPolicy([new URL(opts.callApiUrl).origin, new URL(opts.dataApiUrl).origin]);
  }

  validateConfig(settings: Record<string, unknown>, secrets: Record<string, string>): string[] {
    const p: string[] = [];
    if (!secrets.apiKey) p.push('secrets.apiKey is required (CallGear Call API access token)');
    if (secrets.dataApiKey !== undefined && (!secrets.dataApiKey || /\s/.test(secrets.dataApiKey))) p.push('secrets.dataApiKey must be a Data API access token (no spaces)');
    if (!secrets.webhookToken || secrets.webhookToken.length < 16) p.push('secrets.webhookToken must be at least 16 characters');
    const ips = settings.allowedIps;
    if (ips !== undefined && (!Array.isArray(ips) || ips.some((ip) => typeof ip !== 'string'))) p.push('settings.allowedIps must be a list of IPs or CIDRs');
    for (const key of ['callApiUrl', 'dataApiUrl'] as const) {
      const problem = this.urls.problem(`settings.${key}`, settings[key]);
      if (problem) p.push(problem);
    }
    for (const key of ['employeeId', 'transferHoldMediaFileId']) if (settings[key] !== undefined && !positiveInt(settings[key])) p.push(`settings.${key} must be a positive integer`);
    const hold = settings.transferHoldMessage;
    if (hold !== undefined && (typeof hold !== 'string' || !hold.trim() || hold.length > 1000)) p.push('settings.transferHoldMessage must be 1..1000 characters of text');
    const sip = settings.sipDomain;
    if (sip !== undefined && (typeof sip !== 'string' || sip.length > 253 || !HOST.test(sip))) p.push('settings.sipDomain must be a host name');
    return [...p, ...timeZoneSettingProblems(settings)];
  }

  generatedSecrets(): Record<string, string> {
    return { webhookToken: randomBytes(24).toString('base64url') };
  }

  webhookUrl(account: ProviderAccountContext): string {
    return account.webhookBaseUrl;
  }

  private callApi(account: ProviderAccountContext): string {
    return this.urls.resolve('settings.callApiUrl', account.settings.callApiUrl, this.opts.callApiUrl);
  }

  private dataApi(account: ProviderAccountContext): string {
    return this.urls.resolve('settings.dataApiUrl', account.settings.dataApiUrl, this.opts.dataApiUrl);
  }

  /** The Data API key when the account has its own one, else the Call API key (one CallGear user may hold both components). */
  private dataToken(account: ProviderAccountContext): string {
    return account.secrets.dataApiKey ?? account.secrets.apiKey ?? '';
  }

  private sessionId(providerCallId: string): number {
    if (!SESSION_ID.test(providerCallId)) throw new ProviderRejectedError('CALLGEAR_BAD_SESSION_ID', `${providerCallId} is not a CallGear call_session_id`);
    return Number(providerCallId);
  }

  /** Data API get.account with the Data API key, then the Call API key through list.calls. */
  async testCredentials(account: ProviderAccountContext): Promise<CredentialsCheck> {
    try {
      await callGearRpc(this.dataApi(account), 'get.account', { access_token: this.dataToken(account) });
    } catch (err) {
      return { ok: false, reason: this.refusal(err), cause: err };
    }
    try {
      await callGearRpc(this.callApi(account), 'list.calls', { access_token: account.secrets.apiKey ?? '' });
      return { ok: true };
    } catch (err) {
      // Only the token and the IP allow-list matter here; a missing "Call management" component does not fail the test.
      const fatal = !(err instanceof CallGearRpcError) || err.isAuthError || err.rpcCode === -32003;
      return fatal ? { ok: false, reason: this.refusal(err), cause: err } : { ok: true };
    }
  }

  /** -32001: the token is invalid, expired or blocked; -32003: this token may not be used from here (its IP list). */
  private refusal(err: unknown): ProviderTestRefusal {
    if (err instanceof CallGearRpcError && (err.isAuthError || err.rpcCode === -32003)) return 'credentials_rejected';
    return refusalOf(err);
  }

  async originate(account: ProviderAccountContext, req: OriginateRequest): Promise<OriginateResult> {
    const configured = account.settings.employeeId;
    const employeeId = req.operatorEmployeeId ?? (positiveInt(configured) ? String(configured) : undefined);
    if (!employeeId || !positiveInt(employeeId)) {
      throw new ProviderRejectedError('CALLGEAR_EMPLOYEE_REQUIRED', 'start.employee_call needs an employee: set settings.employeeId', undefined, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL');
    }
    let data: unknown;
    try {
      data = await callGearRpc(this.callApi(account), 'start.employee_call', {
        access_token: account.secrets.apiKey,
        first_call: req.operatorEndpoint ? 'employee' : 'contact',
        switch_at_once: true,
        // The default is `in`; our originated calls are outbound, and the notifications echo this direction.
        direction: 'out',
        virtual_phone_number: digits(req.from),
        contact: digits(req.to),
        employee: { id: Number(employeeId), ...(req.operatorEndpoint ? { phone_number: digits(req.operatorEndpoint) } : {}) },
        external_id: req.callId,
      });
    } catch (err) {
      if (!(err instanceof CallGearRpcError)) throw err;
      const reason = ORIGINATE_REJECTIONS[err.providerCode] ?? (err.field === 'contact' ? 'invalid_number' : undefined);
      throw err.withReason(reason);
    }
    const id = (data as { call_session_id?: unknown } | undefined)?.call_session_id;
    if (typeof id !== 'number' && typeof id !== 'string') throw new ProviderRejectedError('CALLGEAR_NO_SESSION', 'start.employee_call returned no call_session_id');
    return { providerCallId: String(id) };
  }

  async hangup(account: ProviderAccountContext, providerCallId: string): Promise<HangupOutcome> {
    try {
      await callGearRpc(this.callApi(account), 'release.call', { access_token: account.secrets.apiKey, call_session_id: this.sessionId(providerCallId) });
      return 'hung_up';
    } catch (err) {
      // The session ended already (CallGear forgets it): what the hangup wanted.
      if ((err as { providerCode?: string }).providerCode === 'call_session_not_found') return 'already_gone';
      throw err;
    }
  }

  async transfer(account: ProviderAccountContext, providerCallId: string, target: string): Promise<void> {
    const sipDomain = typeof account.settings.sipDomain === 'string' ? account.settings.sipDomain : undefined;
    const to = callGearTransferTarget(target, sipDomain);
    await blindTransfer(this.callApi(account), account.secrets.apiKey ?? '', this.sessionId(providerCallId), to, holdMessageOf(account.settings));
  }

  /** Neither the Call API nor the Data API has a method that sends an SMS. */
  sendSms(): Promise<{ providerMessageId: string }> {
    return Promise.reject(new ProviderRejectedError('NOT_SUPPORTED', 'CallGear has no API method that sends SMS'));
  }

  /** Data API get.calls_report for this call_session_id, ongoing calls included. */
  async fetchCallStatus(account: ProviderAccountContext, providerCallId: string): Promise<ProviderCallStatus> {
    if (!SESSION_ID.test(providerCallId)) return { state: 'unknown' };
    const now = (this.opts.now ?? (() => new Date()))().getTime();
    const data = await callGearRpc(this.dataApi(account), 'get.calls_report', {
      access_token: this.dataToken(account),
      date_from: dataApiDate(new Date(now - REPORT_LOOKBACK_MS), callGearTimeZone(account.settings)),
      date_till: dataApiDate(new Date(now + REPORT_LOOKAHEAD_MS), callGearTimeZone(account.settings)),
      include_ongoing_calls: true,
      filter: { field: 'id', operator: '=', value: Number(providerCallId) },
      fields: [...CALLS_REPORT_FIELDS],
      limit: 1,
    });
    const rows = Array.isArray(data) ? (data as Array<Record<string, unknown>>) : [];
    return callStatusFromReport(rows.find((r) => r && String(r.id) === providerCallId));
  }

  verifyWebhook(account: ProviderAccountContext, req: WebhookRequest): VerifyResult {
    const want = Buffer.from(account.secrets.webhookToken ?? '');
    const got = Buffer.from(req.pathToken ?? '');
    if (want.length === 0 || got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' };
    const allowed = account.settings.allowedIps;
    if (Array.isArray(allowed) && allowed.length > 0 && !ipAllowed(req.remoteIp, allowed as string[])) return { ok: false, code: 'WEBHOOK_SOURCE_NOT_ALLOWED' };
    return { ok: true };
  }

  parseWebhook(account: ProviderAccountContext, req: WebhookRequest): ParsedWebhook {
    return parseCallGearNotification(req.event, req.rawBody, new Date(), callGearTimeZone(account.settings));
  }
}
