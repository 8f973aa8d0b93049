import { Controller } from '@nestjs/common';
import {
  Subjects,
  type CampaignCancelledV1,
  type CampaignCompletedV1,
  type CampaignPausedV1,
  type CampaignResumedV1,
  type CampaignStartedV1,
  type CampaignUpdatedV1,
  type EventEnvelope,
} from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { ApplyCampaignFactUseCase } from './apply-campaign-fact.use-case';

/** The campaign's life as the dialer needs it; translation only (the envelope time orders the facts). */
@Controller()
export class CampaignEventsMessagesController {
  constructor(private readonly apply: ApplyCampaignFactUseCase) {}

  @OnEvent(Subjects.Campaign.CampaignStarted)
  started(d: CampaignStartedV1, e: EventEnvelope<CampaignStartedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, d.campaignId, { kind: 'started', at: e.time, dialPlan: d.dialPlan }, tx);
  }

  @OnEvent(Subjects.Campaign.CampaignUpdated)
  updated(d: CampaignUpdatedV1, e: EventEnvelope<CampaignUpdatedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, d.campaignId, { kind: 'updated', at: e.time, dialPlan: d.dialPlan }, tx);
  }

  @OnEvent(Subjects.Campaign.CampaignPaused)
  paused(d: CampaignPausedV1, e: EventEnvelope<CampaignPausedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, d.campaignId, { kind: 'paused', at: e.time, reason: d.reason }, tx);
  }

  @OnEvent(Subjects.Campaign.CampaignResumed)
  resumed(d: CampaignResumedV1, e: EventEnvelope<CampaignResumedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, d.campaignId, { kind: 'resumed', at: e.time }, tx);
  }

  @OnEvent(Subjects.Campaign.CampaignCancelled)
  cancelled(d: CampaignCancelledV1, e: EventEnvelope<CampaignCancelledV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, d.campaignId, { kind: 'cancelled', at: e.time }, tx);
  }

  @OnEvent(Subjects.Campaign.CampaignCompleted)
  completed(d: CampaignCompletedV1, e: EventEnvelope<CampaignCompletedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, d.campaignId, { kind: 'completed', at: e.time }, tx);
  }
}
