import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { CampaignConfig } from './config';

/** Agents, call lists, campaigns, progress (DESIGN §4); keeps each organization's country and zone. */
export const campaignService = defineService({
  name: 'campaign',
  loadConfig: (env) => loadConfig(CampaignConfig, env),
  events: true,
  settings: (s) => ({ defaultCountry: s.defaultCountry, timeZone: s.timeZone }),
});
