import type { CampaignDiagnosticV1, CampaignTaskTotalsV1, DiagnosticZoneV1, SlotHolderV1 } from '@santral/contracts';
import { HOUR_MS } from '../pacing/call-history';

/** A cap and how much of it the sliding hour used. */
export interface HourUse {
  count: number;
  cap: number;
  /** The hour's oldest call (it leaves the hour an hour later). */
  oldest: Date | null;
}

/** What the diagnostics use case gathers about a campaign; everything the reasons are built from. */
export interface CampaignFacts {
  now: Date;
  state: 'active' | 'paused' | 'cancelled' | 'completed';
  pauseReason: string | null;
  tasks: CampaignTaskTotalsV1;
  /** Waiting tasks in zones where nobody may be called now. */
  closedZones: DiagnosticZoneV1[];
  slots: { usable: number; holders: SlotHolderV1[] };
  hour: { organization: HourUse; campaign?: HourUse };
  /** Tokens the provider account's bucket holds now (absent: the bucket was never used). */
  cps?: { available: number; perSecond: number };
  frequencyCapped: number;
  mayStartCall: boolean;
  /** Retry-scheduled tasks not yet due, and the first one's time. */
  retries: { waiting: number; next: Date | null };
}

/** The reasons that keep a due task from being dialled on the next pass (retries not due only explain the wait). */
const BLOCKING = new Set<CampaignDiagnosticV1['code']>([
  'campaign_paused', 'campaign_cancelled', 'campaign_completed', 'campaign_not_started', 'empty_queue', 'no_free_slot', 'calls_per_hour_cap', 'cps_limit', 'insufficient_credits',
]);

/**
 * Why nothing of the campaign is dialled right now (D5), from gathered facts; pure. Every reason that
 * holds is listed with its counts, in the order the dispatcher checks them.
 */
export function diagnoseCampaign(f: CampaignFacts): { reasons: CampaignDiagnosticV1[]; dialable: boolean } {
  const reasons: CampaignDiagnosticV1[] = [...stateReasons(f)];
  const waiting = f.tasks.pending + f.tasks.retryScheduled;
  if (waiting === 0 && f.tasks.dialing === 0) reasons.push({ code: 'empty_queue', message: 'no task is waiting to be dialled', count: 0 });
  reasons.push(...windowReasons(f), ...capacityReasons(f), ...paceReasons(f));
  if (!f.mayStartCall) reasons.push({ code: 'insufficient_credits', message: "the organization's credit is below the minimum to start a call" });
  if (f.retries.waiting > 0) {
    reasons.push({
      code: 'waiting_for_retry', message: `${f.retries.waiting} task(s) wait for their retry time`, count: f.retries.waiting,
      ...(f.retries.next ? { until: f.retries.next.toISOString() } : {}),
    });
  }
  // Every due task outside its window blocks as well; some of them outside it does not.
  const outside = f.closedZones.reduce((n, z) => n + z.tasks, 0);
  const blocked = reasons.some((r) => BLOCKING.has(r.code)) || f.tasks.due === 0 || outside >= f.tasks.due;
  return { reasons, dialable: !blocked };
}

function stateReasons(f: CampaignFacts): CampaignDiagnosticV1[] {
  if (f.state === 'active') return [];
  if (f.state === 'cancelled') return [{ code: 'campaign_cancelled', message: 'the campaign was cancelled' }];
  if (f.state === 'completed') return [{ code: 'campaign_completed', message: 'the campaign is completed' }];
  if (f.pauseReason === 'not_started') return [{ code: 'campaign_not_started', message: 'the campaign has not been started' }];
  return [{ code: 'campaign_paused', message: `the campaign is paused (${f.pauseReason ?? 'manual'})`, ...(f.pauseReason ? { pauseReason: f.pauseReason } : {}) }];
}

function windowReasons(f: CampaignFacts): CampaignDiagnosticV1[] {
  if (f.closedZones.length === 0) return [];
  const count = f.closedZones.reduce((n, z) => n + z.tasks, 0);
  const opens = f.closedZones.map((z) => z.opensAt).filter((t): t is string => !!t).sort()[0];
  return [{
    code: 'outside_window', message: `${count} task(s) are outside their calling hours${opens ? ` until ${opens}` : ''}`, count,
    ...(opens ? { until: opens } : {}), zones: [...f.closedZones].sort((a, b) => b.tasks - a.tasks),
  }];
}

function capacityReasons(f: CampaignFacts): CampaignDiagnosticV1[] {
  const busy = f.slots.holders.length;
  if (busy < f.slots.usable) return [];
  return [{ code: 'no_free_slot', message: `${busy} of ${f.slots.usable} outbound slot(s) busy`, count: busy, limit: f.slots.usable, holders: f.slots.holders }];
}

function paceReasons(f: CampaignFacts): CampaignDiagnosticV1[] {
  const reasons: CampaignDiagnosticV1[] = [];
  for (const [scope, use] of [['organization', f.hour.organization], ['campaign', f.hour.campaign]] as const) {
    if (!use || use.count < use.cap) continue;
    const until = use.oldest ? new Date(use.oldest.getTime() + HOUR_MS).toISOString() : undefined;
    reasons.push({
      code: 'calls_per_hour_cap', message: `${use.count} call(s) in the last hour reach the ${scope}'s cap of ${use.cap}`, count: use.count, limit: use.cap, scope,
      ...(until ? { until } : {}),
    });
  }
  if (f.cps && f.cps.available < 1) {
    reasons.push({ code: 'cps_limit', message: `the provider account's ${f.cps.perSecond} call(s) per second are spent`, limit: f.cps.perSecond });
  }
  if (f.frequencyCapped > 0) {
    reasons.push({ code: 'frequency_capped', message: `${f.frequencyCapped} task(s) wait for their number's frequency cap`, count: f.frequencyCapped });
  }
  return reasons;
}
