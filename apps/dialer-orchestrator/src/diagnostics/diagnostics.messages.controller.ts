import { Controller } from '@nestjs/common';
import { DialerCampaignDiagnosticsRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { GetCampaignDiagnosticsUseCase } from './get-campaign-diagnostics.use-case';

/** NATS request/reply adapter for a campaign's diagnostics (served by the campaign service's GET /v1/campaigns/{id}/diagnostics). */
@Controller()
export class DiagnosticsMessagesController {
  constructor(private readonly diagnose: GetCampaignDiagnosticsUseCase) {}

  @RpcHandler(Rpc.Dialer.CampaignDiagnostics)
  campaign(input: DialerCampaignDiagnosticsRequest) {
    return this.diagnose.execute(input);
  }
}
