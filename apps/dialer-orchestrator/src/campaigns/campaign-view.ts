import type { CampaignDialPlanV1 } from '@santral/contracts';

/** What the dispatcher knows of a campaign: whether it may dial, and how (its dial plan). */
export interface CampaignView {
  state: 'active' | 'paused' | 'cancelled' | 'completed';
  pauseReason: string | null;
  dialPlan: CampaignDialPlanV1 | null;
  /** Time of the newest fact that set `state` / `dialPlan` (facts may arrive in any order). */
  stateAt: string | null;
  planAt: string | null;
}

export type CampaignFact =
  | { kind: 'started'; at: string; dialPlan: CampaignDialPlanV1 }
  | { kind: 'updated'; at: string; dialPlan: CampaignDialPlanV1 }
  | { kind: 'paused'; at: string; reason: string }
  | { kind: 'resumed'; at: string }
  | { kind: 'cancelled'; at: string }
  | { kind: 'completed'; at: string };

const FINAL = new Set<CampaignView['state']>(['cancelled', 'completed']);
const newer = (at: string, than: string | null) => than === null || Date.parse(at) > Date.parse(than);

/**
 * Applies one campaign fact to the dialer's view, whatever order facts arrive in: the newest fact
 * decides the state and, separately, the dial plan; cancelled and completed are final whenever
 * they arrive (a resume older or newer than a cancel never revives it). Pure.
 */
export function applyCampaignFact(view: CampaignView | null, fact: CampaignFact): CampaignView {
  const v: CampaignView = view ?? { state: 'paused', pauseReason: 'not_started', dialPlan: null, stateAt: null, planAt: null };
  const next = { ...v };
  if ((fact.kind === 'started' || fact.kind === 'updated') && newer(fact.at, v.planAt)) {
    next.dialPlan = fact.dialPlan;
    next.planAt = fact.at;
  }
  if (fact.kind === 'updated' || FINAL.has(v.state)) return next;
  // Cancelled and completed end the campaign whenever they arrive; the rest only when newer.
  const final = fact.kind === 'cancelled' || fact.kind === 'completed';
  if (!final && !newer(fact.at, v.stateAt)) return next;
  next.stateAt = fact.at;
  if (fact.kind === 'paused') return { ...next, state: 'paused', pauseReason: fact.reason };
  if (fact.kind === 'started' || fact.kind === 'resumed') return { ...next, state: 'active', pauseReason: null };
  return { ...next, state: fact.kind, pauseReason: null };
}
