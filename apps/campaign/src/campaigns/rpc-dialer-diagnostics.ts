import { Injectable } from '@nestjs/common';
import { isDomainError, Rpc } from '@santral/contracts';
import { NatsRpcClient, RpcNoRespondersError, RpcTimeoutError } from '@santral/messaging';
import type { OrgId } from '@santral/persistence';
import { DialerDiagnostics, type DialerDiagnosis } from './campaigns.port';

/**
 * The dialer's side of a campaign's diagnostics (rpc.dialer.campaign.diagnostics): why nothing is
 * dialled right now — window per zone, slots and who holds them, rate caps, CPS, frequency cap,
 * credits, retries. When the dialer does not answer (or does not know the campaign yet), the
 * diagnostics say so instead of guessing.
 */
@Injectable()
export class RpcDialerDiagnostics extends DialerDiagnostics {
  constructor(private readonly rpc: NatsRpcClient) {
    super();
  }

  async diagnose(orgId: OrgId, campaignId: string): Promise<DialerDiagnosis> {
    try {
      const reply = await this.rpc.request(Rpc.Dialer.CampaignDiagnostics, { organizationId: orgId, campaignId }, { timeoutMs: 3000 });
      return { answered: true, reasons: reply.reasons.map((r) => ({ code: r.code, message: r.message, ...(r.count !== undefined ? { contacts: r.count } : {}) })) };
    } catch (error) {
      if (error instanceof RpcNoRespondersError) return { answered: false, unavailable: 'no dialer replica is running', reasons: [] };
      if (error instanceof RpcTimeoutError) return { answered: false, unavailable: 'timed out', reasons: [] };
      if (isDomainError(error) && error.code === 'NOT_FOUND') return { answered: false, unavailable: 'it does not know the campaign yet', reasons: [] };
      throw error;
    }
  }
}
