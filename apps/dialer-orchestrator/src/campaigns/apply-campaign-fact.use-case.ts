import { Injectable } from '@nestjs/common';
import { asOrgId, type Tx } from '@santral/persistence';
import { applyCampaignFact, type CampaignFact, type CampaignView } from './campaign-view';
import { DialerCampaignRepository } from './dialer-campaign.repository';

/**
 * campaign.campaign.started|updated|paused|resumed|cancelled|completed → the dialer's view of the
 * campaign (issue 10 item 11: pause, resume and cancel stop and restart its dispatch; an edit of
 * windows or caps applies at the next dispatch). Facts apply in any order and any number of times.
 */
@Injectable()
export class ApplyCampaignFactUseCase {
  constructor(private readonly campaigns: DialerCampaignRepository) {}

  async execute(organizationId: string, campaignId: string, fact: CampaignFact, tx: Tx): Promise<CampaignView> {
    const orgId = asOrgId(organizationId);
    const next = applyCampaignFact(await this.campaigns.lock(tx, orgId, campaignId), fact);
    await this.campaigns.save(tx, orgId, campaignId, next);
    return next;
  }
}
