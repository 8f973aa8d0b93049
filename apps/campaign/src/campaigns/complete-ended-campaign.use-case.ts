import { Injectable } from '@nestjs/common';
import { TransactionRunner, type OrgId } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { transition } from './campaign-transition';
import { CampaignCompletion } from './campaign-completion';
import { CampaignEventsPort, CampaignsPort } from './campaigns.port';

/** Past its end date a scheduled, active or paused campaign completes with reason `end_date_reached`. */
@Injectable()
export class CompleteEndedCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly completion: CampaignCompletion,
    private readonly events: CampaignEventsPort,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  execute(orgId: OrgId, campaignId: string): Promise<boolean> {
    return this.tx.run(async (tx) => {
      const c = await this.campaigns.findForUpdate(orgId, campaignId, tx);
      const now = this.clock.now();
      if (!c || c.endsAt.getTime() > now.getTime() || !['scheduled', 'active', 'paused'].includes(c.state)) return false;
      const done = { ...transition(c, { type: 'end_date_reached' }, now), completionReason: 'end_date_reached' as const, release: { ...c.release, done: true } };
      await this.campaigns.update(done, tx);
      await this.events.completed(done, await this.completion.counts(orgId, c, tx), tx);
      return true;
    });
  }
}
