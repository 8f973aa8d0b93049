import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignActionReply, type CampaignActionRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { transition } from './campaign-transition';
import { CampaignEventsPort, CampaignsPort, ReleaseTrigger } from './campaigns.port';
import { CampaignStartChecks } from './start-checks';

/**
 * Resumes a paused campaign: only by this manual action (H3), never on a top-up. The D3 checks run
 * again (the credits that paused it must be back); the release continues where it stopped.
 */
@Injectable()
export class ResumeCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly checks: CampaignStartChecks,
    private readonly events: CampaignEventsPort,
    private readonly release: ReleaseTrigger,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(input: CampaignActionRequest): Promise<CampaignActionReply> {
    const orgId = asOrgId(input.organizationId);
    const reply = await this.tx.run(async (tx) => {
      const current = await this.campaigns.findForUpdate(orgId, input.campaignId.toLowerCase(), tx);
      if (!current) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
      const now = this.clock.now();
      const moved = transition(current, { type: 'resume' }, now);
      await this.checks.assert(orgId, current, now, tx);
      // A finished sample resumes onto the rest of the list.
      const next = current.pauseReason === 'sample_completed' ? { ...moved, sampleSize: null, release: { ...moved.release, limit: null, done: false } } : moved;
      await this.campaigns.update(next, tx);
      await this.events.resumed(next, input.actorUserId, tx);
      return { campaignId: next.id, state: next.state };
    });
    this.release.wake();
    return reply;
  }
}
