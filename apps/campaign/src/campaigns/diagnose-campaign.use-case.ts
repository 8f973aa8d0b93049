import { Injectable } from '@nestjs/common';
import { DomainError, type CampaignDiagnosticReasonV1, type CampaignDiagnosticsReply, type CampaignRequest } from '@santral/contracts';
import { asOrgId, type OrgId } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import type { Campaign } from './campaign';
import { CampaignSourcesPort, CampaignsPort, DialerDiagnostics, ProgressPort } from './campaigns.port';
import { callingHours } from './calling-hours';

type Reason = CampaignDiagnosticReasonV1;

const PAUSED: Record<string, string> = {
  manual: 'paused by hand; resume it to continue',
  insufficient_credits: 'paused because the organization ran out of credits; top up, then resume it',
  end_date_reached: 'paused because its end date passed',
  agent_inactive: 'paused because its agent was made inactive',
  sample_completed: 'the sample is done; start it again without a sample size to call the rest',
};

/**
 * "Active but nothing is dialled" (D5): the campaign's own state (paused and why, not started yet,
 * contacts still being requested, calling hours per zone of the contacts left) joined with the
 * dialer's answer (slots, rate cap) into sentences a support person can read out.
 */
@Injectable()
export class DiagnoseCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly sources: CampaignSourcesPort,
    private readonly progress: ProgressPort,
    private readonly dialer: DialerDiagnostics,
    private readonly clock: Clock,
  ) {}

  async execute(input: CampaignRequest): Promise<CampaignDiagnosticsReply> {
    const orgId = asOrgId(input.organizationId);
    const c = await this.campaigns.find(orgId, input.campaignId.toLowerCase());
    if (!c) throw new DomainError('NOT_FOUND', `Campaign ${input.campaignId} not found`);
    const reasons = await this.own(orgId, c, this.clock.now());
    let dialerAnswered = false;
    if (c.state === 'active') {
      const d = await this.dialer.diagnose(orgId, c.id);
      dialerAnswered = d.answered;
      if (d.answered) reasons.push(...d.reasons);
      else reasons.push({ code: 'dialer_unavailable', message: `the dialer did not answer (${d.unavailable ?? 'no reply'}), so free slots and the rate cap are not known` });
    }
    return { campaignId: c.id, state: c.state, dialerAnswered, sentences: reasons.map((r) => r.message), reasons };
  }

  private async own(orgId: OrgId, c: Campaign, now: Date): Promise<Reason[]> {
    if (c.state === 'draft' || c.state === 'scheduled') return [{ code: 'not_started', message: 'the campaign has not been started' }];
    if (c.state === 'paused') {
      const sample = c.pauseReason === 'sample_completed' ? ` (${c.release.requested} contacts called)` : '';
      return [{ code: `paused_${c.pauseReason ?? 'manual'}`, message: `${PAUSED[c.pauseReason ?? 'manual']}${sample}` }];
    }
    if (c.state === 'completed') return [{ code: `completed_${c.completionReason ?? 'all_contacts_done'}`, message: c.completionReason === 'end_date_reached' ? 'completed: its end date passed' : 'completed: every contact has a final outcome' }];
    if (c.state === 'cancelled') return [{ code: 'cancelled', message: 'the campaign was cancelled' }];
    const reasons: Reason[] = [];
    if (c.startsAt.getTime() > now.getTime()) reasons.push({ code: 'not_yet_started', message: `dialling starts at ${c.startsAt.toISOString()}` });
    if (!c.release.done) {
      const total = await this.sources.contactCount(orgId, c.callListId);
      reasons.push({ code: 'requesting_contacts', message: `still handing contacts to the dialer: ${c.release.requested} of ${c.release.limit ?? total} requested`, contacts: c.release.requested });
    }
    const totals = await this.progress.totals(orgId, c.id);
    if (totals.retryScheduled > 0) reasons.push({ code: 'retry_scheduled', message: `${totals.retryScheduled} contacts wait for their retry time`, contacts: totals.retryScheduled });
    for (const group of await this.progress.openByZone(orgId, c.id)) {
      const zone = group.zone ?? c.defaultTimeZone;
      if (!zone) {
        reasons.push({ code: 'zone_from_number', message: `${group.contacts} contacts have no zone of their own: the dialer takes it from their number`, contacts: group.contacts });
        continue;
      }
      const hours = callingHours(c.callingWindows, c.restrictedDates, zone, now);
      if (hours.open) continue;
      const when = hours.restricted ? 'today is a restricted date there' : hours.until ? `until ${hours.until}` : 'with no calling window left today';
      reasons.push({ code: 'outside_calling_hours', message: `outside calling hours for ${group.contacts} contacts (${zone}) ${when}`, contacts: group.contacts });
    }
    if (reasons.length === 0 && c.release.done && totals.pending + totals.inProgress === 0) reasons.push({ code: 'nothing_open', message: 'no contact is waiting to be called' });
    return reasons;
  }
}
