import type { CampaignContactState, TaskOutcome } from '@santral/contracts';

/**
 * Facts from the dialer arrive duplicated and out of order; each gets a rank and the stored
 * contact only moves to a higher one. Within an attempt: dialling < answered < ended < retry
 * scheduled; the next attempt outranks the last; a final outcome outranks everything.
 */
const STEP = { dialing: 1, answered: 2, ended: 3, retry: 5 } as const;
export const FINAL_RANK = 1_000_000;

export const dialingRank = (attempt: number) => attempt * 10 + STEP.dialing;
export const answeredRank = (attempt: number) => attempt * 10 + STEP.answered;
export const endedRank = (attempt: number) => attempt * 10 + STEP.ended;
/** A retry of attempt `nextAttempt` closes the attempt before it. */
export const retryRank = (nextAttempt: number) => (nextAttempt - 1) * 10 + STEP.retry;

export function outcomeState(outcome: TaskOutcome): CampaignContactState {
  return outcome;
}

export const inProgress: CampaignContactState = 'in_progress';
