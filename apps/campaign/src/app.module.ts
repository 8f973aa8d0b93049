import { Module } from '@nestjs/common';
import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { AgentsModule } from './agents/agents.module';
import { CallListsModule } from './call-lists/call-lists.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CampaignConfig } from './config';
import { ImportsModule } from './imports/imports.module';
import { migrations } from './migrations';

@Module({ imports: [AgentsModule, CallListsModule, ImportsModule, CampaignsModule] })
export class CampaignModule {}

/** Agents, call lists, campaigns, progress (DESIGN §4); keeps each organization's country and zone. */
export const campaignService = defineService({
  name: 'campaign',
  loadConfig: (env) => loadConfig(CampaignConfig, env),
  module: () => CampaignModule,
  entities: [],
  migrations,
  events: true,
  settings: (s) => ({ defaultCountry: s.defaultCountry, timeZone: s.timeZone }),
});
