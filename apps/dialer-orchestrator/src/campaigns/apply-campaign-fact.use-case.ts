import { Injectable } from '@nestjs/common';
import { Subjects } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { afterCommit, asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { Dispatcher } from '../dispatch/dispatcher';
import { SlotLeases } from '../slots/slot-leases';
import { CallTaskRepository } from '../tasks/call-task.repository';
import { applyCampaignFact, type CampaignFact, type CampaignView } from './campaign-view';
import { DialerCampaignRepository } from './dialer-campaign.repository';

/**
 * campaign.campaign.started|updated|paused|resumed|cancelled|completed → the dialer's view of the
 * campaign (issue 10 item 11: pause, resume and cancel stop and restart its dispatch; an edit of
 * windows or caps applies at the next dispatch, tasks that waited for the old windows included;
 * calls in flight finish normally). On cancel, the
 * campaign's tasks not yet dialled are cancelled, each with dialer.task.finished.v1 (`cancelled`).
 * Facts apply in any order and any number of times.
 */
@Injectable()
export class ApplyCampaignFactUseCase {
  constructor(
    private readonly campaigns: DialerCampaignRepository,
    private readonly tasks: CallTaskRepository,
    private readonly publisher: EventPublisher,
    private readonly dispatcher: Dispatcher,
    private readonly slots: SlotLeases,
  ) {}

  async execute(organizationId: string, campaignId: string, fact: CampaignFact, tx: Tx): Promise<CampaignView> {
    const orgId = asOrgId(organizationId);
    // An edit waits for a dispatch pass in flight, which read the old plan: the tasks it defers for
    // the old windows are then visible to the release below, and the next pass reads the new plan.
    // (Without it such a pass deferred them after the release had looked, to the old next opening.)
    // Taken first, as a pass does, so the two never wait on each other's rows.
    if (fact.kind === 'updated') await this.slots.lockOrganization(tx, orgId);
    const next = applyCampaignFact(await this.campaigns.lock(tx, orgId, campaignId), fact);
    await this.campaigns.save(tx, orgId, campaignId, next);
    if (next.state === 'cancelled') await this.cancelWaiting(tx, orgId, campaignId);
    // New windows: the tasks that waited for the old ones' next opening are weighed again at once.
    else if (fact.kind === 'updated' && (await this.tasks.releaseWindowWaits(tx, orgId, campaignId)) > 0) afterCommit(tx, () => this.dispatcher.wake());
    return next;
  }

  /** Only tasks still waiting are cancelled, so a repeated cancel publishes nothing more. */
  private async cancelWaiting(tx: Tx, orgId: OrgId, campaignId: string): Promise<void> {
    const cancelled = await this.tasks.cancelWaiting(tx, orgId, campaignId);
    if (cancelled.length === 0) return;
    await this.publisher.publishMany(
      cancelled.map((t) => ({
        type: Subjects.Dialer.TaskFinished,
        orgid: orgId,
        subject: t.id,
        data: { organizationId: orgId, taskId: t.id, kind: 'campaign' as const, campaignId, outcome: 'cancelled' as const, attempts: t.attempt },
      })),
      { manager: tx },
    );
  }
}
