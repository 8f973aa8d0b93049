import { randomBytes } from 'node:crypto';
import { endReasonForFinalStatus, type FinalCallStatus } from '../../shared/end-reasons';
import { ProviderRejectedError } from '../../shared/telephony.error';
import { refusalOf, type CredentialsCheck } from '../credentials-check';
import { ProviderHttpError, providerRequest } from '../http-client';
import { ProviderUrlPolicy } from '../provider-url.policy';
import type {
  HangupOutcome,
  OriginateRequest,
  OriginateResult,
  ParsedWebhook,
  ProviderAccountContext,
  ProviderCallStatus,
  SendSmsRequest,
  TelephonyProvider,
  VerifyResult,
  WebhookRequest,
} from '../provider.port';
import { parseSimulatorWebhook } from './simulator-webhook.parser';
import { StandardWebhooksVerifier } from './standard-webhooks.verifier';

export interface SimulatorProviderOptions {
  /** Default simulator API base URL (an account may override it with settings.baseUrl). */
  baseUrl: string;
  toleranceSeconds: number;
  /** Bearer key of the simulator's control API (the console PUT); only the gateway knows it. */
  controlKey: string;
  /** Which `settings.baseUrl` a tenant may name; by default only the default's host. */
  urls?: ProviderUrlPolicy;
}

function header(req: WebhookRequest, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/**
 * Client of the simulated provider (G5): its REST API is modelled on a cloud provider's
 * (calls, hangup, transfer, messages, call status) and its webhooks are Standard-Webhooks
 * signed with the account's signing secret.
 */
export class SimulatorProvider implements TelephonyProvider {
  readonly type = 'simulator' as const;
  private readonly verifier = new StandardWebhooksVerifier();

  private readonly urls: ProviderUrlPolicy;

  constructor(private readonly opts: SimulatorProviderOptions) {
    this.urls = opts.urls ?? new ProviderUrlPolicy([new URL(opts.baseUrl).origin]);
  }

  validateConfig(settings: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const scale = settings.timeScale;
    if (scale !== undefined && (typeof scale !== 'number' || scale < 1 || scale > 10_000)) problems.push('settings.timeScale must be a number in 1..10000');
    const url = this.urls.problem('settings.baseUrl', settings.baseUrl);
    if (url) problems.push(url);
    return problems;
  }

  generatedSecrets(): Record<string, string> {
    return { apiKey: `sk_${randomBytes(18).toString('base64url')}`, signingSecret: `whsec_${randomBytes(24).toString('base64')}` };
  }

  webhookUrl(account: ProviderAccountContext): string {
    return account.webhookBaseUrl;
  }

  private base(account: ProviderAccountContext): string {
    const url = this.urls.resolve('settings.baseUrl', account.settings.baseUrl, this.opts.baseUrl);
    return `${url.replace(/\/$/, '')}/simulator/v1/accounts/${encodeURIComponent(account.id)}`;
  }

  private auth(account: ProviderAccountContext): Record<string, string> {
    return { authorization: `Bearer ${account.secrets.apiKey ?? ''}` };
  }

  /** Like pasting the webhook URL and secret into a provider's console. */
  async configure(account: ProviderAccountContext): Promise<void> {
    await providerRequest({
      method: 'PUT',
      url: this.base(account),
      headers: { authorization: `Bearer ${this.opts.controlKey}` },
      json: { apiKey: account.secrets.apiKey, signingSecret: account.secrets.signingSecret, webhookUrl: this.webhookUrl(account), scenario: account.settings },
    });
  }

  /** Runs `call`; when the simulator does not know the account (restarted), configures it and retries once. */
  private async withAccount<T>(account: ProviderAccountContext, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ProviderHttpError) || (err.body as { code?: string } | undefined)?.code !== 'ACCOUNT_UNKNOWN') throw err;
      await this.configure(account);
      return call();
    }
  }

  async testCredentials(account: ProviderAccountContext): Promise<CredentialsCheck> {
    try {
      await this.configure(account);
      await providerRequest({ method: 'GET', url: this.base(account), headers: this.auth(account) });
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: refusalOf(err), cause: err };
    }
  }

  async originate(account: ProviderAccountContext, req: OriginateRequest): Promise<OriginateResult> {
    try {
      const res = await this.withAccount(account, () =>
        providerRequest<{ sid: string }>({
          method: 'POST',
          url: `${this.base(account)}/calls`,
          headers: { ...this.auth(account), 'idempotency-key': `${req.callId}:${req.attempt}` },
          json: {
            clientRef: req.callId,
            from: req.from,
            to: req.to,
            operatorEndpoint: req.operatorEndpoint,
            ringTimeoutSeconds: req.ringTimeoutSeconds,
            maxDurationSeconds: req.maxDurationSeconds,
            record: req.record,
          },
        }),
      );
      return { providerCallId: res.sid };
    } catch (err) {
      const body = err instanceof ProviderHttpError ? (err.body as { code?: unknown; message?: unknown } | undefined) : undefined;
      if (err instanceof ProviderHttpError && err.status < 500 && typeof body?.code === 'string') {
        throw new ProviderRejectedError(body.code, typeof body.message === 'string' ? body.message : 'rejected');
      }
      throw err;
    }
  }

  async hangup(account: ProviderAccountContext, providerCallId: string): Promise<HangupOutcome> {
    try {
      await this.withAccount(account, () => providerRequest({ method: 'POST', url: `${this.base(account)}/calls/${encodeURIComponent(providerCallId)}/hangup`, headers: this.auth(account), json: {} }));
      return 'hung_up';
    } catch (err) {
      // The simulator does not know the call: it ended, or the simulator restarted without it.
      if (err instanceof ProviderHttpError && err.status === 404 && (err.body as { code?: string } | undefined)?.code === 'CALL_NOT_FOUND') return 'already_gone';
      throw err;
    }
  }

  async transfer(account: ProviderAccountContext, providerCallId: string, target: string): Promise<void> {
    await this.withAccount(account, () =>
      providerRequest({ method: 'POST', url: `${this.base(account)}/calls/${encodeURIComponent(providerCallId)}/transfer`, headers: this.auth(account), json: { target } }),
    );
  }

  async sendSms(account: ProviderAccountContext, req: SendSmsRequest): Promise<{ providerMessageId: string }> {
    const res = await this.withAccount(account, () =>
      providerRequest<{ sid: string }>({ method: 'POST', url: `${this.base(account)}/messages`, headers: { ...this.auth(account), 'idempotency-key': req.smsId }, json: req }),
    );
    return { providerMessageId: res.sid };
  }

  async fetchCallStatus(account: ProviderAccountContext, providerCallId: string): Promise<ProviderCallStatus> {
    try {
      const c = await this.withAccount(account, () =>
        providerRequest<Record<string, unknown>>({ method: 'GET', url: `${this.base(account)}/calls/${encodeURIComponent(providerCallId)}`, headers: this.auth(account) }),
      );
      const status = String(c.status);
      if (!['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(status)) return { state: 'active' };
      const num = (k: string) => (typeof c[k] === 'number' ? (c[k] as number) : 0);
      const endReason = endReasonForFinalStatus(status as FinalCallStatus, {
        answeredBy: c.answeredBy === 'machine' ? 'machine' : undefined,
        sipCause: typeof c.sipCause === 'number' ? c.sipCause : undefined,
        providerCode: typeof c.errorCode === 'string' ? c.errorCode : undefined,
      });
      return { state: 'ended', endReason, talkSeconds: num('talkSeconds'), waitSeconds: num('waitSeconds'), totalSeconds: num('totalSeconds') };
    } catch (err) {
      if (err instanceof ProviderHttpError && err.status === 404) return { state: 'unknown' };
      throw err;
    }
  }

  verifyWebhook(account: ProviderAccountContext, req: WebhookRequest): VerifyResult {
    const id = header(req, 'webhook-id');
    const ts = Number(header(req, 'webhook-timestamp'));
    const sig = header(req, 'webhook-signature');
    if (!id || !sig || !Number.isInteger(ts)) return { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' };
    if (Math.abs(Date.now() / 1000 - ts) > this.opts.toleranceSeconds) return { ok: false, code: 'WEBHOOK_TIMESTAMP_STALE' };
    const ok = this.verifier.verify(account.secrets.signingSecret ?? '', id, String(ts), sig, req.rawBody);
    return ok ? { ok: true } : { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' };
  }

  parseWebhook(_account: ProviderAccountContext, req: WebhookRequest): ParsedWebhook {
    return parseSimulatorWebhook(req.event, header(req, 'webhook-id'), req.rawBody, new Date());
  }
}
