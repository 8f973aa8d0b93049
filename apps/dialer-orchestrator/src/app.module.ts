import { Module } from '@nestjs/common';
import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { ApplyCampaignFactUseCase } from './campaigns/apply-campaign-fact.use-case';
import { CampaignEventsMessagesController } from './campaigns/campaign-events.messages.controller';
import { DialerCampaignRepository } from './campaigns/dialer-campaign.repository';
import { ApplyCallEndedUseCase } from './calls/apply-call-ended.use-case';
import { ApplyCallProgressUseCase } from './calls/apply-call-progress.use-case';
import { ExpireSilentCallsUseCase } from './calls/expire-silent-calls.use-case';
import { ExpireOverlongCallsUseCase } from './calls/expire-overlong-calls.use-case';
import { ExpireQueuedTasksUseCase } from './calls/expire-queued-tasks.use-case';
import { ExpireUnansweredCallsUseCase } from './calls/expire-unanswered-calls.use-case';
import { Watchdog } from './calls/watchdog';
import { WatchdogEnding } from './calls/watchdog-ending';
import { DiagnosticsMessagesController } from './diagnostics/diagnostics.messages.controller';
import { DiagnosticsReads } from './diagnostics/diagnostics.reads';
import { GetCampaignDiagnosticsUseCase } from './diagnostics/get-campaign-diagnostics.use-case';
import { CallHistory } from './pacing/call-history';
import { PassPacer } from './pacing/pass-pacer';
import { ProviderRateBuckets } from './pacing/provider-rate-buckets';
import { CallRepository } from './calls/call.repository';
import { TelephonyFactsMessagesController } from './calls/telephony-facts.messages.controller';
import { DialerConfig } from './config';
import { DispatchCallsUseCase } from './dispatch/dispatch-calls.use-case';
import { Dispatcher } from './dispatch/dispatcher';
import { SlotLeases } from './slots/slot-leases';
import { CallRequestsMessagesController } from './tasks/call-requests.messages.controller';
import { CallTaskRepository } from './tasks/call-task.repository';
import { StoreCallTasksUseCase } from './tasks/store-call-tasks.use-case';
import { creditReservationsProvider } from './billing/billing-credit-reservations';
import { InboundCallsMessagesController } from './inbound/inbound-calls.messages.controller';
import { MissedCallCallbacks } from './inbound/missed-call-callbacks';
import { RecordInboundCallUseCase } from './inbound/record-inbound-call.use-case';
import { DncModule } from './dnc/dnc.module';
import { entities } from './entities';
import { HotlinesModule } from './hotlines/hotlines.module';
import { MessageRulesModule } from './message-rules/message-rules.module';
import { migrations } from './migrations';
import { PresenceModule } from './presence/presence.module';
import { AgentsModule } from './agents/agents.module';
import { CallViewsRepository } from './calls/call-views.repository';
import { CallsMessagesController } from './calls/calls.messages.controller';
import { CreateCallUseCase } from './calls/create-call.use-case';
import { GetCallUseCase } from './calls/get-call.use-case';
import { HangupCallUseCase } from './calls/hangup-call.use-case';
import { ListCallsUseCase } from './calls/list-calls.use-case';
import { ProviderAccounts, TelephonyProviderAccounts } from './calls/provider-accounts';
import { TransferCallUseCase } from './calls/transfer-call.use-case';
import { OrganizationNumbers } from './settings/organization-numbers';
import { pickDialerSettings } from './settings/dialer-settings';
import { GetDialerSettingsUseCase } from './settings/get-dialer-settings.use-case';
import { SettingsMessagesController } from './settings/settings.messages.controller';
import { DialerMetricsRegistration } from './observability/dialer-metrics.registration';

@Module({
  imports: [DncModule, HotlinesModule, PresenceModule, AgentsModule, MessageRulesModule],
  controllers: [SettingsMessagesController, CallRequestsMessagesController, CampaignEventsMessagesController, TelephonyFactsMessagesController, InboundCallsMessagesController, DiagnosticsMessagesController, CallsMessagesController],
  providers: [
    GetDialerSettingsUseCase, SlotLeases, CallTaskRepository, StoreCallTasksUseCase, DialerCampaignRepository, ApplyCampaignFactUseCase, CallRepository, ApplyCallEndedUseCase, ApplyCallProgressUseCase, DispatchCallsUseCase, Dispatcher, ExpireSilentCallsUseCase, Watchdog,
    WatchdogEnding, ExpireUnansweredCallsUseCase, ExpireOverlongCallsUseCase, ExpireQueuedTasksUseCase, CallHistory, ProviderRateBuckets, PassPacer, DiagnosticsReads, GetCampaignDiagnosticsUseCase,
    RecordInboundCallUseCase,
    MissedCallCallbacks,
    creditReservationsProvider,
    // The call API (issue 10 items 8–10).
    OrganizationNumbers, CallViewsRepository, CreateCallUseCase, ListCallsUseCase, GetCallUseCase, HangupCallUseCase, TransferCallUseCase,
    { provide: ProviderAccounts, useClass: TelephonyProviderAccounts },
    // Slot use per organization and calls by state on /metrics (the dashboard's panels).
    DialerMetricsRegistration,
  ],
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
