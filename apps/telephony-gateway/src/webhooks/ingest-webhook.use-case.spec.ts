import type { AccountContextLoader } from '../provider-accounts/account-context.loader';
import type { ProviderAccountContext, TelephonyProvider, WebhookRequest } from '../providers/provider.port';
import { WebhookPayloadError } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import type { IngestBatcher } from './ingest-batcher';
import { IngestWebhookUseCase } from './ingest-webhook.use-case';

const ACCOUNT_ID = '01a20155-d5d0-76cc-8b6f-052ce8a9149b';
const account = { id: ACCOUNT_ID, organizationId: '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11', type: 'simulator', settings: {}, secrets: {}, operatorMap: {}, webhookBaseUrl: '' } as ProviderAccountContext;
const parsed = { dedupeKey: 'k', providerCallId: 'SC1', occurredAt: new Date(), legIds: [], facts: [] };

function build(opts: { verify?: ReturnType<TelephonyProvider['verifyWebhook']>; parseError?: Error; account?: ProviderAccountContext | null } = {}) {
  const calls: string[] = [];
  const provider = {
    type: 'simulator',
    verifyWebhook: () => (calls.push('verify'), opts.verify ?? { ok: true }),
    parseWebhook: () => {
      calls.push('parse');
      if (opts.parseError) throw opts.parseError;
      return parsed;
    },
  } as unknown as TelephonyProvider;
  const contexts = { forWebhook: async () => (opts.account === undefined ? account : opts.account) } as unknown as AccountContextLoader;
  const batcher = { submit: async () => (calls.push('store'), 'accepted' as const) } as unknown as IngestBatcher;
  return { useCase: new IngestWebhookUseCase(contexts, new ProviderRegistry([provider]), batcher), calls };
}

const req = (over: Partial<WebhookRequest> = {}): WebhookRequest => ({
  provider: 'simulator', accountId: ACCOUNT_ID, event: 'call.ringing', url: 'http://x', headers: {}, rawBody: Buffer.from('{}'), contentType: 'application/json', remoteIp: '127.0.0.1', ...over,
});

describe('IngestWebhookUseCase', () => {
  it('verifies, parses, then stores', async () => {
    const { useCase, calls } = build();
    await expect(useCase.execute(req())).resolves.toEqual({ outcome: 'accepted', response: undefined });
    expect(calls).toEqual(['verify', 'parse', 'store']);
  });

  it('unknown account, provider mismatch or bad id → PROVIDER_ACCOUNT_NOT_FOUND before anything else', async () => {
    await expect(build({ account: null }).useCase.execute(req())).rejects.toMatchObject({ code: 'PROVIDER_ACCOUNT_NOT_FOUND', status: 404 });
    await expect(build().useCase.execute(req({ accountId: 'nope' }))).rejects.toMatchObject({ code: 'PROVIDER_ACCOUNT_NOT_FOUND' });
    await expect(build().useCase.execute(req({ provider: 'twilio' }))).rejects.toMatchObject({ code: 'PROVIDER_ACCOUNT_NOT_FOUND' });
  });

  it('a failed verification stops before parsing and storing', async () => {
    const { useCase, calls } = build({ verify: { ok: false, code: 'WEBHOOK_TIMESTAMP_STALE' } });
    await expect(useCase.execute(req())).rejects.toMatchObject({ code: 'WEBHOOK_TIMESTAMP_STALE', status: 401 });
    expect(calls).toEqual(['verify']);
  });

  it('malformed payloads are 400 and never stored; NUL bytes are refused', async () => {
    const { useCase, calls } = build({ parseError: new WebhookPayloadError('talkSeconds must be a number') });
    await expect(useCase.execute(req())).rejects.toMatchObject({ code: 'WEBHOOK_PAYLOAD_INVALID', status: 400 });
    expect(calls).not.toContain('store');
    await expect(build().useCase.execute(req({ rawBody: Buffer.from([123, 0, 125]) }))).rejects.toMatchObject({ status: 400 });
  });
});
