import type { PayloadOf, ProviderAccountReply, ReplyOf, RpcSubject } from '@santral/contracts';
import type { ServiceRpc } from '../src/common/service-rpc';

/** A fake ServiceRpc for unit specs: records each request and answers like the telephony-gateway would. */
export class RecordingServiceRpc {
  readonly calls: Array<{ subject: RpcSubject; payload: unknown; timeoutMs?: number }> = [];
  readonly providerTimeoutMs = 25_000;

  account(orgId: string, id: string, overrides: Partial<ProviderAccountReply> = {}): ProviderAccountReply {
    return {
      id, organizationId: orgId, type: 'callgear', name: 'CallGear', settings: {}, secretNames: ['apiKey', 'webhookToken'],
      webhookUrl: `https://telephony.example.com/webhooks/callgear/${id}/token`, maskedWebhookUrl: `https://telephony.example.com/webhooks/callgear/${id}/********`, operators: [],
      createdAt: '2026-01-02T03:04:05.678Z', updatedAt: '2026-01-02T03:04:05.678Z', ...overrides,
    };
  }

  async request<S extends RpcSubject>(subject: S, payload: PayloadOf<S>, opts: { timeoutMs?: number } = {}): Promise<ReplyOf<S>> {
    this.calls.push({ subject, payload, ...opts });
    const p = payload as { organizationId: string; id: string; name?: string; operators?: ProviderAccountReply['operators'] };
    return this.account(p.organizationId, p.id, { ...(p.name ? { name: p.name } : {}), ...(p.operators ? { operators: p.operators } : {}) }) as ReplyOf<S>;
  }

  asServiceRpc(): ServiceRpc {
    return this as unknown as ServiceRpc;
  }
}
