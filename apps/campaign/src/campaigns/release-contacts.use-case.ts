import { Injectable } from '@nestjs/common';
import { TransactionRunner, type OrgId } from '@santral/persistence';
import { requestedContact } from './campaign-rules';
import { CampaignCompletion } from './campaign-completion';
import { CampaignEventsPort, CampaignSourcesPort, CampaignsPort, ProgressPort } from './campaigns.port';

/**
 * Requests the next chunk of an active campaign's contacts (issue 11 item 6): one transaction reads
 * `chunk` contacts after the stored cursor, stores them as pending, writes campaign.call.requested.v1
 * (≤ 500 an event) to the outbox and moves the cursor. A crash between chunks resumes at the cursor;
 * a crash inside one rolls it back whole. Answers whether there is more to release.
 */
@Injectable()
export class ReleaseContactsUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly sources: CampaignSourcesPort,
    private readonly progress: ProgressPort,
    private readonly events: CampaignEventsPort,
    private readonly completion: CampaignCompletion,
    private readonly tx: TransactionRunner,
  ) {}

  execute(orgId: OrgId, campaignId: string, chunk: number): Promise<boolean> {
    return this.tx.run(async (tx) => {
      const c = await this.campaigns.findForUpdate(orgId, campaignId, tx);
      if (!c || c.state !== 'active' || c.release.done) return false;
      const room = c.release.limit === null ? chunk : Math.min(chunk, c.release.limit - c.release.requested);
      const contacts = room > 0 ? await this.sources.contactsAfter(orgId, c.callListId, c.release.after, room, tx) : [];
      const requested = contacts.map((k) => requestedContact(k, c.defaultTimeZone));
      const last = contacts[contacts.length - 1];
      const total = c.release.requested + contacts.length;
      const done = contacts.length < room || room <= 0 || (c.release.limit !== null && total >= c.release.limit);
      const next = { ...c, release: { ...c.release, after: last?.id ?? c.release.after, requested: total, done } };
      if (requested.length) {
        await this.progress.addPending(orgId, c.id, requested, tx);
        await this.events.callsRequested(next, requested, tx);
      }
      await this.campaigns.update(next, tx);
      if (done) await this.completion.settle(orgId, c.id, tx);
      return !done;
    });
  }
}
