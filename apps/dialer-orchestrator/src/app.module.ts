import { Module } from '@nestjs/common';
import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { DialerConfig } from './config';
import { DncModule } from './dnc/dnc.module';
import { entities } from './entities';
import { HotlinesModule } from './hotlines/hotlines.module';
import { migrations } from './migrations';
import { PresenceModule } from './presence/presence.module';
import { pickDialerSettings } from './settings/dialer-settings';
import { GetDialerSettingsUseCase } from './settings/get-dialer-settings.use-case';
import { SettingsMessagesController } from './settings/settings.messages.controller';

@Module({
  imports: [DncModule, HotlinesModule, PresenceModule],
  controllers: [SettingsMessagesController],
  providers: [GetDialerSettingsUseCase],
})
export class DialerModule {}

/** Call tasks, slots, pacing, windows, retries, DNC, call state (DESIGN §4). */
export const dialerService = defineService({
  name: 'dialer-orchestrator',
  loadConfig: (env) => loadConfig(DialerConfig, env),
  module: () => DialerModule,
  entities,
  migrations,
  events: true,
  settings: pickDialerSettings,
});
