import { Injectable } from '@nestjs/common';
import { MAX_CONTACTS_PER_CALL_REQUEST, Subjects, type CampaignCountsV1, type RequestedContactV1 } from '@santral/contracts';
import { EventPublisher, type OutgoingEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { Campaign } from './campaign';
import { dialPlanOf } from './campaign-rules';
import { CampaignEventsPort } from './campaigns.port';

/** Writes campaign.campaign.* and campaign.call.requested.v1 into the outbox in the caller's transaction (DESIGN §2). */
@Injectable()
export class OutboxCampaignEvents extends CampaignEventsPort {
  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  private meta(c: Campaign, tx: Tx) {
    return { orgid: c.organizationId, subject: c.id, time: c.updatedAt.toISOString(), manager: tx };
  }

  private ref(c: Campaign) {
    return { organizationId: c.organizationId, campaignId: c.id };
  }

  async started(c: Campaign, totalContacts: number, actorUserId: string | undefined, tx: Tx): Promise<void> {
    void actorUserId;
    await this.publisher.publish(Subjects.Campaign.CampaignStarted, { ...this.ref(c), name: c.name, dialPlan: dialPlanOf(c), totalContacts }, this.meta(c, tx));
  }

  async updated(c: Campaign, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.CampaignUpdated, { ...this.ref(c), name: c.name, dialPlan: dialPlanOf(c) }, this.meta(c, tx));
  }

  async paused(c: Campaign, actorUserId: string | undefined, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.CampaignPaused, { ...this.ref(c), reason: c.pauseReason ?? 'manual', ...(actorUserId ? { actorUserId } : {}) }, this.meta(c, tx));
  }

  async resumed(c: Campaign, actorUserId: string | undefined, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.CampaignResumed, { ...this.ref(c), ...(actorUserId ? { actorUserId } : {}) }, this.meta(c, tx));
  }

  async cancelled(c: Campaign, actorUserId: string | undefined, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.CampaignCancelled, { ...this.ref(c), ...(actorUserId ? { actorUserId } : {}) }, this.meta(c, tx));
  }

  async completed(c: Campaign, counts: CampaignCountsV1, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.CampaignCompleted, { ...this.ref(c), reason: c.completionReason ?? 'all_contacts_done', counts }, this.meta(c, tx));
  }

  async callsRequested(c: Campaign, contacts: RequestedContactV1[], tx: Tx): Promise<void> {
    const events: OutgoingEvent[] = [];
    for (let i = 0; i < contacts.length; i += MAX_CONTACTS_PER_CALL_REQUEST) {
      const data = { ...this.ref(c), batchId: uuidv7(), contacts: contacts.slice(i, i + MAX_CONTACTS_PER_CALL_REQUEST) };
      events.push({ type: Subjects.Campaign.CallRequested, data, orgid: c.organizationId, subject: c.id });
    }
    await this.publisher.publishMany(events, { manager: tx });
  }
}
