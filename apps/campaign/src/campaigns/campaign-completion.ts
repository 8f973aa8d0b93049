import { Injectable } from '@nestjs/common';
import type { CampaignCountsV1 } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import type { Campaign } from './campaign';
import { transition } from './campaign-transition';
import { CampaignEventsPort, CampaignSourcesPort, CampaignsPort, ProgressPort } from './campaigns.port';

/**
 * When every requested contact is final: a sample run (D6) pauses with `sample_completed` so the
 * rest can be started by hand; otherwise the campaign completes with `all_contacts_done`.
 * Locks the campaign, so concurrent last outcomes decide once.
 */
@Injectable()
export class CampaignCompletion {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly sources: CampaignSourcesPort,
    private readonly progress: ProgressPort,
    private readonly events: CampaignEventsPort,
    private readonly clock: Clock,
  ) {}

  async settle(orgId: OrgId, campaignId: string, tx: Tx): Promise<Campaign | null> {
    const c = await this.campaigns.findForUpdate(orgId, campaignId, tx);
    if (!c || (c.state !== 'active' && c.state !== 'paused') || !c.release.done || c.release.requested === 0) return null;
    if ((await this.progress.openCount(orgId, c.id, tx)) > 0) return null;
    const now = this.clock.now();
    if (await this.sources.hasContactsAfter(orgId, c.callListId, c.release.after, tx)) {
      if (c.state !== 'active') return null;
      const paused = transition(c, { type: 'pause', reason: 'sample_completed' }, now);
      await this.campaigns.update(paused, tx);
      await this.events.paused(paused, undefined, tx);
      return paused;
    }
    const done = { ...transition(c, { type: 'all_contacts_done' }, now), completionReason: 'all_contacts_done' as const };
    await this.campaigns.update(done, tx);
    await this.events.completed(done, await this.counts(orgId, c, tx), tx);
    return done;
  }

  async counts(orgId: OrgId, c: Campaign, tx: Tx): Promise<CampaignCountsV1> {
    const t = await this.progress.totals(orgId, c.id, tx);
    return { contacts: c.release.requested, succeeded: t.succeeded, failed: t.failed + t.blocked, exhausted: t.exhausted, blocked: t.blocked, cancelled: t.cancelled };
  }
}
