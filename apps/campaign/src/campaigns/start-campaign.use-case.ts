import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignActionReply, type CampaignStartRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { transition } from './campaign-transition';
import { CampaignEventsPort, CampaignsPort, ReleaseTrigger } from './campaigns.port';
import { CampaignStartChecks } from './start-checks';

/**
 * Starts a draft campaign or starts a paused one again (D2): the machine must allow it, then the D3
 * checks run in order. The contacts are not requested here: the release job pages them out in
 * chunks after the commit (a million contacts never sit in memory). `sampleSize` requests only the
 * next N contacts (D6); a later start without it requests the rest.
 */
@Injectable()
export class StartCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly checks: CampaignStartChecks,
    private readonly events: CampaignEventsPort,
    private readonly release: ReleaseTrigger,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(input: CampaignStartRequest): Promise<CampaignActionReply> {
    const orgId = asOrgId(input.organizationId);
    const reply = await this.tx.run(async (tx) => {
      const current = await this.campaigns.findForUpdate(orgId, input.campaignId.toLowerCase(), tx);
      if (!current) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
      const now = this.clock.now();
      const moved = transition(current, { type: 'start' }, now);
      const total = await this.checks.assert(orgId, current, now, tx);
      const sampleSize = input.sampleSize ?? null;
      const next = {
        ...moved,
        completionReason: null,
        sampleSize,
        startedAt: current.startedAt ?? now,
        release: { ...current.release, limit: sampleSize === null ? null : current.release.requested + sampleSize, done: false },
      };
      await this.campaigns.update(next, tx);
      await this.events.started(next, total, input.actorUserId, tx);
      return { campaignId: next.id, state: next.state };
    });
    this.release.wake();
    return reply;
  }
}
