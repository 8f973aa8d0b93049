import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { DialerDiagnostics, type DialerDiagnosis } from './campaigns.port';

/**
 * The dialer's rpc.dialer.campaign.diagnostics is not in libs/contracts yet (being built beside
 * this); until the integrator connects it, diagnostics say plainly that the dialer's side is missing.
 */
@Injectable()
export class UnconnectedDialerDiagnostics extends DialerDiagnostics {
  diagnose(orgId: OrgId, campaignId: string): Promise<DialerDiagnosis> {
    void orgId;
    void campaignId;
    return Promise.resolve({ answered: false, unavailable: 'rpc.dialer.campaign.diagnostics is not connected', reasons: [] });
  }
}
