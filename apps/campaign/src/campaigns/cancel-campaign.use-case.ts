import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignActionReply, type CampaignActionRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { transition } from './campaign-transition';
import { CampaignEventsPort, CampaignsPort, ProgressPort } from './campaigns.port';

/** Cancels a campaign: the dialer drops the tasks not yet dialled; contacts not final count as cancelled. */
@Injectable()
export class CancelCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly progress: ProgressPort,
    private readonly events: CampaignEventsPort,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  execute(input: CampaignActionRequest): Promise<CampaignActionReply> {
    const orgId = asOrgId(input.organizationId);
    return this.tx.run(async (tx) => {
      const current = await this.campaigns.findForUpdate(orgId, input.campaignId.toLowerCase(), tx);
      if (!current) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
      const next = transition(current, { type: 'cancel' }, this.clock.now());
      await this.campaigns.update({ ...next, release: { ...next.release, done: true } }, tx);
      await this.progress.cancelOpen(orgId, next.id, tx);
      await this.events.cancelled(next, input.actorUserId, tx);
      return { campaignId: next.id, state: next.state };
    });
  }
}
