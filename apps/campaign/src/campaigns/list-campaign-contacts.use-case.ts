import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignContactPageReply, type CampaignContactsRequest } from '@santral/contracts';
import { asOrgId, DEFAULT_PAGE_SIZE } from '@santral/persistence';
import { CampaignsPort, ProgressPort } from './campaigns.port';

/** Per-contact progress of a campaign in contact order, optionally one state only (D4). */
@Injectable()
export class ListCampaignContactsUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly progress: ProgressPort,
  ) {}

  async execute(input: CampaignContactsRequest): Promise<CampaignContactPageReply> {
    const orgId = asOrgId(input.organizationId);
    const c = await this.campaigns.find(orgId, input.campaignId.toLowerCase());
    if (!c) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
    return this.progress.contacts(orgId, c.id, input.state, input.limit ?? DEFAULT_PAGE_SIZE, input.cursor);
  }
}
