import { Module } from '@nestjs/common';
import { CampaignCompletion } from './campaign-completion';
import { CampaignJob } from './campaign-job';
import { CampaignRepository } from './campaign.repository';
import { CampaignSourcesRepository } from './campaign-sources.repository';
import { CampaignEventsPort, CampaignSourcesPort, CampaignsPort, CreditBalance, DialerDiagnostics, ProgressPort, ReleaseTrigger } from './campaigns.port';
import { CampaignsMessagesController } from './campaigns.messages.controller';
import { CancelCampaignUseCase } from './cancel-campaign.use-case';
import { CompleteEndedCampaignUseCase } from './complete-ended-campaign.use-case';
import { CreateCampaignUseCase } from './create-campaign.use-case';
import { DiagnoseCampaignUseCase } from './diagnose-campaign.use-case';
import { GetCampaignProgressUseCase } from './get-campaign-progress.use-case';
import { GetCampaignUseCase } from './get-campaign.use-case';
import { ListCampaignContactsUseCase } from './list-campaign-contacts.use-case';
import { ListCampaignsUseCase } from './list-campaigns.use-case';
import { OutboxCampaignEvents } from './outbox-campaign-events';
import { PauseCampaignUseCase } from './pause-campaign.use-case';
import { PauseForCreditsUseCase } from './pause-for-credits.use-case';
import { ProgressMessagesController } from './progress.messages.controller';
import { ProgressRepository } from './progress.repository';
import { RecordCallCostUseCase } from './record-call-cost.use-case';
import { RecordContactFactUseCase } from './record-contact-fact.use-case';
import { ReleaseContactsUseCase } from './release-contacts.use-case';
import { ResumeCampaignUseCase } from './resume-campaign.use-case';
import { RpcCreditBalance } from './rpc-credit-balance';
import { StartCampaignUseCase } from './start-campaign.use-case';
import { CampaignStartChecks } from './start-checks';
import { RpcDialerDiagnostics } from './rpc-dialer-diagnostics';
import { UpdateCampaignUseCase } from './update-campaign.use-case';

/** Campaigns (D1–D6, H3): settings, the machine, the chunked release of contacts, progress and diagnostics. */
@Module({
  controllers: [CampaignsMessagesController, ProgressMessagesController],
  providers: [
    { provide: CampaignsPort, useClass: CampaignRepository },
    { provide: CampaignSourcesPort, useClass: CampaignSourcesRepository },
    { provide: ProgressPort, useClass: ProgressRepository },
    { provide: CampaignEventsPort, useClass: OutboxCampaignEvents },
    { provide: CreditBalance, useClass: RpcCreditBalance },
    { provide: DialerDiagnostics, useClass: RpcDialerDiagnostics },
    CampaignJob,
    { provide: ReleaseTrigger, useExisting: CampaignJob },
    CampaignStartChecks, CampaignCompletion,
    CreateCampaignUseCase, UpdateCampaignUseCase, GetCampaignUseCase, ListCampaignsUseCase,
    StartCampaignUseCase, PauseCampaignUseCase, ResumeCampaignUseCase, CancelCampaignUseCase,
    ReleaseContactsUseCase, CompleteEndedCampaignUseCase, PauseForCreditsUseCase,
    RecordContactFactUseCase, RecordCallCostUseCase, GetCampaignProgressUseCase, ListCampaignContactsUseCase, DiagnoseCampaignUseCase,
  ],
})
export class CampaignsModule {}
