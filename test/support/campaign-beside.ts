import type { Gateway } from '../../apps/api-gateway/test/gateway-harness';
import { campaignService } from '../../apps/campaign/src/app.module';
import { startServiceBeside, type ServiceBeside } from './beside';

/** `knows`: a call list's country defaults to the organization's, so creating one answers only once the settings arrived. */
export type CampaignBeside = ServiceBeside;

/** A real campaign service beside a test's api-gateway: its own schema, the gateway's subject prefix. */
export function startCampaignBeside(gw: Gateway, prefix: string, env: Record<string, string> = {}): Promise<CampaignBeside> {
  return startServiceBeside(campaignService, gw, prefix, env);
}
