import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ProviderRejectedError } from '../../shared/telephony.error';
import { providerRequest } from '../http-client';
import type {
  OriginateRequest, OriginateResult, ParsedWebhook, ProviderAccountContext, ProviderCallStatus, TelephonyProvider, VerifyResult, WebhookRequest,
} from '../provider.port';
import { parseCallGearNotification } from './callgear-notification.parser';
import { ipAllowed } from './ip-allow-list';

export interface CallGearOptions {
  callApiUrl: string;
  dataApiUrl: string;
}

interface JsonRpcReply {
  result?: { data?: Record<string, unknown> };
  error?: { code?: number; message?: string; data?: { mnemonic?: string } };
}

/**
 * CallGear: notifications (S4) verified by a secret token in the path plus an optional
 * IP allow-list; calls through the JSON-RPC Call API (start.employee_call, release.call).
 */
export class CallGearProvider implements TelephonyProvider {
  readonly type = 'callgear' as const;

  constructor(private readonly opts: CallGearOptions) {}

  validateConfig(settings: Record<string, unknown>, secrets: Record<string, string>): string[] {
    const p: string[] = [];
    if (!secrets.apiKey) p.push('secrets.apiKey is required (CallGear API access token)');
    if (!secrets.webhookToken || secrets.webhookToken.length < 16) p.push('secrets.webhookToken must be at least 16 characters');
    const ips = settings.allowedIps;
    if (ips !== undefined && (!Array.isArray(ips) || ips.some((ip) => typeof ip !== 'string'))) p.push('settings.allowedIps must be a list of IPs or CIDRs');
    return p;
  }

  generatedSecrets(): Record<string, string> {
    return { webhookToken: randomBytes(24).toString('base64url') };
  }

  webhookUrl(account: ProviderAccountContext): string {
    return account.webhookBaseUrl;
  }

  private async rpc(url: string, method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reply = await providerRequest<JsonRpcReply>({ method: 'POST', url, json: { jsonrpc: '2.0', id: `santral-${Date.now()}`, method, params } });
    if (reply?.error) throw new ProviderRejectedError(reply.error.data?.mnemonic ?? String(reply.error.code ?? 'CALLGEAR_ERROR'), reply.error.message ?? 'CallGear error');
    return reply?.result?.data ?? {};
  }

  private callApi(account: ProviderAccountContext): string {
    return typeof account.settings.callApiUrl === 'string' ? account.settings.callApiUrl : this.opts.callApiUrl;
  }

  async testCredentials(account: ProviderAccountContext): Promise<{ ok: boolean; detail?: string }> {
    const url = typeof account.settings.dataApiUrl === 'string' ? account.settings.dataApiUrl : this.opts.dataApiUrl;
    try {
      await this.rpc(url, 'get.account', { access_token: account.secrets.apiKey });
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async originate(account: ProviderAccountContext, req: OriginateRequest): Promise<OriginateResult> {
    const employeeId = req.operatorEmployeeId ?? (typeof account.settings.employeeId === 'string' || typeof account.settings.employeeId === 'number' ? String(account.settings.employeeId) : undefined);
    const data = await this.rpc(this.callApi(account), 'start.employee_call', {
      access_token: account.secrets.apiKey,
      first_call: req.operatorEndpoint ? 'employee' : 'contact',
      switch_at_once: true,
      virtual_phone_number: req.from.replace(/^\+/, ''),
      contact: req.to.replace(/^\+/, ''),
      employee: { id: employeeId !== undefined ? Number(employeeId) : undefined, phone_number: req.operatorEndpoint?.replace(/^\+/, '') },
      external_id: req.callId,
    });
    const id = data.call_session_id;
    if (typeof id !== 'number' && typeof id !== 'string') throw new ProviderRejectedError('CALLGEAR_NO_SESSION', 'start.employee_call returned no call_session_id');
    return { providerCallId: String(id) };
  }

  async hangup(account: ProviderAccountContext, providerCallId: string): Promise<void> {
    await this.rpc(this.callApi(account), 'release.call', { access_token: account.secrets.apiKey, call_session_id: Number(providerCallId) });
  }

  transfer(): Promise<void> {
    return Promise.reject(new ProviderRejectedError('NOT_SUPPORTED', 'This adapter cannot transfer CallGear calls yet (issue 4 follow-up); transfer from the CallGear console'));
  }

  sendSms(): Promise<{ providerMessageId: string }> {
    return Promise.reject(new ProviderRejectedError('NOT_SUPPORTED', 'CallGear does not send SMS'));
  }

  /** The Call API has no per-session status query; the reconciler then closes as lost_provider_events. */
  fetchCallStatus(): Promise<ProviderCallStatus> {
    return Promise.resolve({ state: 'unknown' });
  }

  verifyWebhook(account: ProviderAccountContext, req: WebhookRequest): VerifyResult {
    const want = Buffer.from(account.secrets.webhookToken ?? '');
    const got = Buffer.from(req.pathToken ?? '');
    if (want.length === 0 || got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' };
    const allowed = account.settings.allowedIps;
    if (Array.isArray(allowed) && allowed.length > 0 && !ipAllowed(req.remoteIp, allowed as string[])) return { ok: false, code: 'WEBHOOK_SOURCE_NOT_ALLOWED' };
    return { ok: true };
  }

  parseWebhook(_account: ProviderAccountContext, req: WebhookRequest): ParsedWebhook {
    return parseCallGearNotification(req.event, req.rawBody, new Date());
  }
}
