import { Injectable } from '@nestjs/common';
import type { CampaignListRequest, CampaignPageReply } from '@santral/contracts';
import { asOrgId, DEFAULT_PAGE_SIZE } from '@santral/persistence';
import { toCampaignReply } from './campaign.view';
import { CampaignsPort } from './campaigns.port';

/** The organization's campaigns, newest first. */
@Injectable()
export class ListCampaignsUseCase {
  constructor(private readonly campaigns: CampaignsPort) {}

  async execute(input: CampaignListRequest): Promise<CampaignPageReply> {
    const page = await this.campaigns.page(asOrgId(input.organizationId), input.limit ?? DEFAULT_PAGE_SIZE, input.cursor);
    return { items: page.items.map(toCampaignReply), nextCursor: page.nextCursor };
  }
}
