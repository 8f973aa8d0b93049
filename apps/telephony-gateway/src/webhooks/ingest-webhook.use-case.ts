import { Injectable, Logger } from '@nestjs/common';
import { AccountContextLoader } from '../provider-accounts/account-context.loader';
import { type WebhookRequest, type WebhookResponse, WebhookPayloadError } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { TelephonyError } from '../shared/telephony.error';
import { IngestBatcher } from './ingest-batcher';
import type { IngestOutcome } from './webhook-batch.writer';

export interface IngestResult {
  outcome: IngestOutcome;
  /** The body the provider needs instead of the JSON acknowledgement (Twilio: TwiML for an incoming call). */
  response?: WebhookResponse;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /webhooks/{provider}/{accountId}/{event}: find the account, verify first, parse,
 * then store receipt + facts in one (group-committed) transaction. Errors are
 * TelephonyErrors the controller turns into 4xx; nothing is written before verification.
 */
@Injectable()
export class IngestWebhookUseCase {
  private readonly logger = new Logger(IngestWebhookUseCase.name);

  constructor(
    private readonly contexts: AccountContextLoader,
    private readonly registry: ProviderRegistry,
    private readonly batcher: IngestBatcher,
  ) {}

  async execute(req: WebhookRequest): Promise<IngestResult> {
    if (!UUID.test(req.accountId) || !this.registry.has(req.provider)) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    const account = await this.contexts.forWebhook(req.accountId.toLowerCase());
    if (!account || account.type !== req.provider) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    const provider = this.registry.get(account.type);
    const verified = provider.verifyWebhook(account, req);
    if (!verified.ok) {
      this.logger.warn(`rejected ${req.provider} webhook for ${account.id}: ${verified.code}`);
      throw new TelephonyError(verified.code);
    }
    let parsed;
    try {
      if (req.rawBody.includes(0)) throw new WebhookPayloadError('body contains NUL bytes');
      parsed = provider.parseWebhook(account, req);
    } catch (err) {
      if (err instanceof WebhookPayloadError) {
        this.logger.warn(`malformed ${req.provider}/${req.event} webhook for ${account.id}: ${err.message}`);
        throw new TelephonyError(err.message.includes('unknown event') ? 'WEBHOOK_EVENT_UNKNOWN' : 'WEBHOOK_PAYLOAD_INVALID', err.message);
      }
      throw err;
    }
    const outcome = await this.batcher.submit({ account, event: req.event, parsed, raw: req.rawBody.toString('utf8') });
    // Same answer for a replay: the provider acts on it each time.
    return { outcome, response: provider.webhookResponse?.(account, req.event) };
  }
}
