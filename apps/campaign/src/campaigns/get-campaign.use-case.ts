import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignReply, type CampaignRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toCampaignReply } from './campaign.view';
import { CampaignsPort } from './campaigns.port';

@Injectable()
export class GetCampaignUseCase {
  constructor(private readonly campaigns: CampaignsPort) {}

  async execute(input: CampaignRequest): Promise<CampaignReply> {
    const found = await this.campaigns.find(asOrgId(input.organizationId), input.campaignId.toLowerCase());
    if (!found) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
    return toCampaignReply(found);
  }
}
