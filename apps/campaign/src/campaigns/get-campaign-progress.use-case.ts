import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignProgressReply, type CampaignRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { CampaignSourcesPort, CampaignsPort, ProgressPort } from './campaigns.port';

/** Totals per contact state, success rate, average talk time and cost so far (D4). */
@Injectable()
export class GetCampaignProgressUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly sources: CampaignSourcesPort,
    private readonly progress: ProgressPort,
  ) {}

  async execute(input: CampaignRequest): Promise<CampaignProgressReply> {
    const orgId = asOrgId(input.organizationId);
    const c = await this.campaigns.find(orgId, input.campaignId.toLowerCase());
    if (!c) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
    const [totals, calls, listContacts] = await Promise.all([this.progress.totals(orgId, c.id), this.progress.calls(orgId, c.id), this.sources.contactCount(orgId, c.callListId)]);
    const final = totals.succeeded + totals.failed + totals.exhausted + totals.blocked + totals.cancelled;
    return {
      campaignId: c.id,
      state: c.state,
      listContacts,
      requested: c.release.requested,
      totals,
      successRate: final === 0 ? null : Math.round((totals.succeeded / final) * 10_000) / 10_000,
      averageTalkSeconds: calls.averageTalkSeconds,
      calls: calls.calls,
      costSoFar: calls.cost,
    };
  }
}
