import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignActionReply, type CampaignActionRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { transition } from './campaign-transition';
import { CampaignEventsPort, CampaignsPort } from './campaigns.port';

/** Pauses an active campaign by hand (reason `manual`); the dialer stops dispatching it, calls in flight finish. */
@Injectable()
export class PauseCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly events: CampaignEventsPort,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  execute(input: CampaignActionRequest): Promise<CampaignActionReply> {
    const orgId = asOrgId(input.organizationId);
    return this.tx.run(async (tx) => {
      const current = await this.campaigns.findForUpdate(orgId, input.campaignId.toLowerCase(), tx);
      if (!current) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
      const next = transition(current, { type: 'pause', reason: 'manual' }, this.clock.now());
      await this.campaigns.update(next, tx);
      await this.events.paused(next, input.actorUserId, tx);
      return { campaignId: next.id, state: next.state };
    });
  }
}
