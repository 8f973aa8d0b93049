import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type CampaignReply, type CampaignUpdateRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { applyCampaignFields, campaignFieldErrors } from './campaign-rules';
import { transition } from './campaign-transition';
import { toCampaignReply } from './campaign.view';
import { CampaignEventsPort, CampaignSourcesPort, CampaignsPort } from './campaigns.port';
import { assertSources } from './create-campaign.use-case';

/**
 * Edits a campaign through the machine's `edit` event; once it was started (active or paused) the
 * dialer gets the whole new plan in campaign.campaign.updated.v1 and applies it at its next dispatch.
 */
@Injectable()
export class UpdateCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly sources: CampaignSourcesPort,
    private readonly events: CampaignEventsPort,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: CampaignUpdateRequest): Promise<CampaignReply> {
    const orgId = asOrgId(input.organizationId);
    const { organizationId: _o, campaignId, idempotencyKey, agentId, callListId, ...fields } = input;
    if (Object.values({ ...fields, agentId, callListId }).every((v) => v === undefined)) {
      throw DomainError.validation([{ field: 'body', message: 'give at least one field to change' }], 'Nothing to update');
    }
    return this.commands.run(orgId, Rpc.Campaign.CampaignUpdate, idempotencyKey, async (tx) => {
      const current = await this.campaigns.findForUpdate(orgId, campaignId.toLowerCase(), tx);
      if (!current) throw new DomainError('NOT_FOUND', `Campaign ${campaignId} not found`);
      if (current.state === 'completed' || current.state === 'cancelled') throw new DomainError('CAMPAIGN_NOT_EDITABLE', `A ${current.state} campaign cannot be edited`, { state: current.state });
      const moves = (agentId !== undefined && agentId.toLowerCase() !== current.agentId) || (callListId !== undefined && callListId.toLowerCase() !== current.callListId);
      if (moves && current.startedAt !== null) throw new DomainError('CAMPAIGN_NOT_EDITABLE', 'The agent and the call list can change only before the first start', { state: current.state });
      const now = this.clock.now();
      let next = applyCampaignFields(transition(current, { type: 'edit' }, now), fields);
      next = { ...next, agentId: agentId?.toLowerCase() ?? next.agentId, callListId: callListId?.toLowerCase() ?? next.callListId };
      const errors = campaignFieldErrors(next);
      if (errors.length) throw DomainError.validation(errors);
      if (moves) await assertSources(this.sources, orgId, next.agentId, next.callListId, tx);
      await this.campaigns.update(next, tx);
      if (next.startedAt !== null) await this.events.updated(next, tx);
      return toCampaignReply(next);
    });
  }
}
