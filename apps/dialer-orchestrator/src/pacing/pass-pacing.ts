import { earliestUnderFrequencyCap, frequencyCapAllows, type FrequencyCap } from '../domain';
import { HOUR_MS, type HourOfCalls } from './call-history';

/** What pacing says of one task in a dispatch pass (DESIGN §7, issue 10 item 3). */
export type Admission =
  | { kind: 'admit' }
  /** The organization's calls-per-hour cap is reached: it dials nothing more this pass. */
  | { kind: 'org_cap' }
  /** Not now: ready again at `at` (its campaign's calls-per-hour cap, or the number's frequency cap). */
  | { kind: 'defer'; at: Date; reason: 'campaign_cap' | 'frequency_cap' };

export interface PacedTask {
  campaignId: string | null;
  toNumber: string;
  callsPerHour?: number;
  frequencyCap?: FrequencyCap;
}

/**
 * One pass's pacing of one organization, from its stored calls: the organization's calls-per-hour
 * cap, a campaign's own (the smaller applies to that campaign), and the per-recipient frequency cap.
 * Each admitted task counts against all three for the rest of the pass. Pure.
 */
export class PassPacing {
  private readonly hour: { total: number; byCampaign: Map<string | null, { count: number; oldest: Date }> };

  constructor(
    private readonly orgCallsPerHour: number | undefined,
    hour: HourOfCalls,
    private readonly recent: Map<string, Date[]>,
    private readonly now: Date,
  ) {
    this.hour = { total: hour.total, byCampaign: new Map([...hour.byCampaign].map(([k, v]) => [k, { ...v }])) };
  }

  admit(task: PacedTask): Admission {
    if (this.orgCallsPerHour !== undefined && this.hour.total >= this.orgCallsPerHour) return { kind: 'org_cap' };
    const mine = this.hour.byCampaign.get(task.campaignId);
    if (task.campaignId && task.callsPerHour !== undefined && (mine?.count ?? 0) >= task.callsPerHour) {
      // Its oldest call of the hour leaves it then (never earlier than a moment from now).
      const at = new Date(Math.max(this.now.getTime() + 1000, (mine?.oldest.getTime() ?? this.now.getTime()) + HOUR_MS));
      return { kind: 'defer', at, reason: 'campaign_cap' };
    }
    const times = this.recent.get(task.toNumber) ?? [];
    if (!frequencyCapAllows(task.frequencyCap, times, this.now)) {
      return { kind: 'defer', at: earliestUnderFrequencyCap(task.frequencyCap, times, this.now), reason: 'frequency_cap' };
    }
    this.hour.total++;
    this.hour.byCampaign.set(task.campaignId, { count: (mine?.count ?? 0) + 1, oldest: mine?.oldest ?? this.now });
    this.recent.set(task.toNumber, [...times, this.now]);
    return { kind: 'admit' };
  }
}
