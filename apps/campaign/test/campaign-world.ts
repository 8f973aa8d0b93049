import type { CampaignCreateRequest } from '@santral/contracts';
import { CampaignCompletion } from '../src/campaigns/campaign-completion';
import { CancelCampaignUseCase } from '../src/campaigns/cancel-campaign.use-case';
import { CompleteEndedCampaignUseCase } from '../src/campaigns/complete-ended-campaign.use-case';
import { CreateCampaignUseCase } from '../src/campaigns/create-campaign.use-case';
import { DiagnoseCampaignUseCase } from '../src/campaigns/diagnose-campaign.use-case';
import { GetCampaignProgressUseCase } from '../src/campaigns/get-campaign-progress.use-case';
import { PauseCampaignUseCase } from '../src/campaigns/pause-campaign.use-case';
import { PauseForCreditsUseCase } from '../src/campaigns/pause-for-credits.use-case';
import { RecordCallCostUseCase } from '../src/campaigns/record-call-cost.use-case';
import { RecordContactFactUseCase } from '../src/campaigns/record-contact-fact.use-case';
import { ReleaseContactsUseCase } from '../src/campaigns/release-contacts.use-case';
import { ResumeCampaignUseCase } from '../src/campaigns/resume-campaign.use-case';
import { StartCampaignUseCase } from '../src/campaigns/start-campaign.use-case';
import { CampaignStartChecks } from '../src/campaigns/start-checks';
import { UpdateCampaignUseCase } from '../src/campaigns/update-campaign.use-case';
import {
  AGENT,
  CountingTrigger,
  FakeCommands,
  FakeCredits,
  FakeDialerDiagnostics,
  FakeSources,
  FakeTransactions,
  FixedClock,
  InMemoryCampaigns,
  InMemoryProgress,
  LIST,
  ORG_A,
  RecordingEvents,
} from './campaign-fakes';

/** Every campaign use case wired to in-memory fakes of its ports. */
export function campaignWorld() {
  const campaigns = new InMemoryCampaigns();
  const sources = new FakeSources();
  const progress = new InMemoryProgress();
  const events = new RecordingEvents();
  const credits = new FakeCredits();
  const dialer = new FakeDialerDiagnostics();
  const trigger = new CountingTrigger();
  const clock = new FixedClock();
  const tx = new FakeTransactions();
  const commands = new FakeCommands();
  const checks = new CampaignStartChecks(sources, credits);
  const completion = new CampaignCompletion(campaigns, sources, progress, events, clock);
  return {
    campaigns, sources, progress, events, credits, dialer, trigger, clock,
    create: new CreateCampaignUseCase(campaigns, sources, commands, clock),
    update: new UpdateCampaignUseCase(campaigns, sources, events, commands, clock),
    start: new StartCampaignUseCase(campaigns, checks, events, trigger, tx, clock),
    pause: new PauseCampaignUseCase(campaigns, events, tx, clock),
    resume: new ResumeCampaignUseCase(campaigns, checks, events, trigger, tx, clock),
    cancel: new CancelCampaignUseCase(campaigns, progress, events, tx, clock),
    release: new ReleaseContactsUseCase(campaigns, sources, progress, events, completion, tx),
    completeEnded: new CompleteEndedCampaignUseCase(campaigns, completion, events, tx, clock),
    pauseForCredits: new PauseForCreditsUseCase(campaigns, events, clock),
    fact: new RecordContactFactUseCase(progress, completion),
    cost: new RecordCallCostUseCase(progress),
    progressOf: new GetCampaignProgressUseCase(campaigns, sources, progress),
    diagnose: new DiagnoseCampaignUseCase(campaigns, sources, progress, dialer, clock),
  };
}

export const draftRequest = (over: Partial<CampaignCreateRequest> = {}): CampaignCreateRequest => ({
  organizationId: ORG_A,
  name: 'Kasım hatırlatma',
  agentId: AGENT,
  callListId: LIST,
  startsAt: '2026-12-01T06:00:00.000Z',
  endsAt: '2026-12-10T18:00:00.000Z',
  ...over,
});
