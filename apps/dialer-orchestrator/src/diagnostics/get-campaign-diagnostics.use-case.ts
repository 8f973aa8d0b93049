import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type DialerCampaignDiagnosticsReply, type DialerCampaignDiagnosticsRequest, type DiagnosticZoneV1 } from '@santral/contracts';
import { asOrgId, TransactionRunner, type OrgId, type Tx } from '@santral/persistence';
import { Clock, OrganizationSettingsRepository, SERVICE_CONFIG } from '@santral/service-kit';
import { CreditReservations } from '../billing/credit-reservations';
import type { CampaignView } from '../campaigns/campaign-view';
import { DialerCampaignRepository } from '../campaigns/dialer-campaign.repository';
import type { DialerConfig } from '../config';
import { windowPolicyOf, zonesOf } from '../dispatch/contact-window';
import { explainCallingWindow } from '../domain';
import { CallHistory } from '../pacing/call-history';
import type { DialerOrganizationSettings } from '../settings/dialer-settings';
import { usableSlots } from '../slots/slot-leases';
import { diagnoseCampaign, type CampaignFacts } from './campaign-diagnosis';
import { DiagnosticsReads } from './diagnostics.reads';

/**
 * rpc.dialer.campaign.diagnostics (D5): gathers what the dispatcher would weigh for this campaign
 * now — its state, its tasks, their calling windows, the slots and who holds them, the caps, the
 * provider's calls per second, credit — and lets `diagnoseCampaign` say why nothing is dialled.
 */
@Injectable()
export class GetCampaignDiagnosticsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly campaigns: DialerCampaignRepository,
    private readonly settings: OrganizationSettingsRepository,
    private readonly history: CallHistory,
    private readonly reads: DiagnosticsReads,
    private readonly credits: CreditReservations,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<DialerConfig, 'PROVIDER_CPS_DEFAULT'>,
  ) {}

  async execute(input: DialerCampaignDiagnosticsRequest): Promise<DialerCampaignDiagnosticsReply> {
    const orgId = asOrgId(input.organizationId);
    // Billing's answer comes beside the transaction, not inside it (a connection is never held while another service thinks).
    const [gathered, mayStartCall] = await Promise.all([this.tx.run((tx) => this.gather(tx, orgId, input.campaignId)), this.credits.mayStartCall(orgId)]);
    const facts: CampaignFacts = { ...gathered, mayStartCall };
    const { reasons, dialable } = diagnoseCampaign(facts);
    return { organizationId: orgId, campaignId: input.campaignId, state: facts.state, dialable, reasons, tasks: facts.tasks, at: facts.now.toISOString() };
  }

  private async gather(tx: Tx, orgId: OrgId, campaignId: string): Promise<Omit<CampaignFacts, 'mayStartCall'>> {
    const view = await this.campaigns.get(tx, orgId, campaignId);
    if (!view) throw new DomainError('NOT_FOUND', `campaign ${campaignId} not found`);
    const now = this.clock.now();
    const settings = (await this.settings.get<DialerOrganizationSettings>(orgId, tx))?.settings;
    const plan = view.dialPlan;
    const cap = plan?.retryPolicy?.frequencyCap;
    const perSecond = plan?.callsPerSecond ?? this.config.PROVIDER_CPS_DEFAULT;
    // One after the other: they share the transaction's one connection (pg would queue them anyway, and pg 9 refuses it).
    const totals = await this.reads.taskTotals(tx, orgId, campaignId);
    const zones = await this.closedZones(tx, orgId, campaignId, view, settings, now);
    const holders = await this.reads.slotHolders(tx, orgId);
    const hour = await this.history.lastHour(tx, orgId);
    const tokens = plan?.providerAccountId ? await this.reads.bucketTokens(tx, plan.providerAccountId, perSecond) : null;
    const frequencyCapped = cap ? await this.reads.frequencyCapped(tx, orgId, campaignId, cap.maxCalls, cap.perDays) : 0;
    const { retryWaiting, nextRetry, ...tasks } = totals;
    const mine = hour.byCampaign.get(campaignId);
    return {
      now, state: view.state, pauseReason: view.pauseReason, tasks, closedZones: zones,
      slots: {
        usable: settings ? usableSlots({ slots: settings.concurrentSlots, reservedInbound: settings.reservedInboundSlots }, 'outbound') : 0,
        holders: holders.map((h) => ({ slotNo: h.slotNo, callId: h.callId, ...(h.state ? { state: h.state } : {}), ofThisCampaign: h.campaignId === campaignId, since: h.since.toISOString() })),
      },
      hour: {
        organization: { count: hour.total, cap: settings?.callsPerHour ?? Number.MAX_SAFE_INTEGER, oldest: hour.oldest },
        ...(plan?.callsPerHour ? { campaign: { count: mine?.count ?? 0, cap: plan.callsPerHour, oldest: mine?.oldest ?? null } } : {}),
      },
      ...(tokens !== null ? { cps: { available: tokens, perSecond } } : {}),
      frequencyCapped, retries: { waiting: retryWaiting, next: nextRetry },
    };
  }

  /** Waiting tasks in zones closed now, per zone, with when each opens (the explain helpers' words). */
  private async closedZones(tx: Tx, orgId: OrgId, campaignId: string, view: CampaignView, settings: DialerOrganizationSettings | undefined, now: Date): Promise<DiagnosticZoneV1[]> {
    const policy = windowPolicyOf(view.dialPlan);
    const byZone = new Map<string, DiagnosticZoneV1>();
    for (const g of await this.reads.waitingByZone(tx, orgId, campaignId)) {
      const zones = zonesOf(g, settings?.timeZone);
      const status = explainCallingWindow(policy, zones, now);
      if (status.callable) continue;
      const key = zones.join(',') || 'unknown';
      const z = byZone.get(key) ?? {
        zone: key, tasks: 0, ...(status.opensAt ? { opensAt: status.opensAt.toISOString() } : {}), ...(status.opensAtLocal ? { opensAtLocal: status.opensAtLocal } : {}),
      };
      z.tasks += g.tasks;
      byZone.set(key, z);
    }
    return [...byZone.values()];
  }
}
