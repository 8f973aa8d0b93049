import type { CallingWindowV1, CampaignCompletionReason, CampaignPauseReason, CampaignState, RetryPolicyV1 } from '@santral/contracts';

/** Where the release of contacts to the dialer stands: contacts go in id order, a chunk per transaction. */
export interface CampaignRelease {
  /** Id of the last contact requested; the next chunk starts after it. */
  after: string | null;
  /** Most contacts to have requested in all (a sample, D6); null: every contact of the list. */
  limit: number | null;
  requested: number;
  done: boolean;
}

/** A campaign (D1, D2) with its dial plan settings. */
export interface Campaign {
  id: string;
  organizationId: string;
  name: string;
  agentId: string;
  callListId: string;
  state: CampaignState;
  pauseReason: CampaignPauseReason | null;
  completionReason: CampaignCompletionReason | null;
  fromNumber: string | null;
  providerAccountId: string | null;
  startsAt: Date;
  endsAt: Date;
  callingWindows: CallingWindowV1[];
  defaultTimeZone: string | null;
  retryPolicy: RetryPolicyV1;
  callsPerHour: number | null;
  ringTimeoutSeconds: number;
  maxCallSeconds: number | null;
  restrictedDates: string[];
  sampleSize: number | null;
  release: CampaignRelease;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** D1: 2–3 attempts at different times of day (a no-answer is tried again in the afternoon). */
export const DEFAULT_RETRY_POLICY: RetryPolicyV1 = {
  maxAttemptsPerContact: 3,
  rules: [
    { disposition: 'no_answer', delayMinutes: 240, maxAttempts: 2 },
    { disposition: 'busy', delayMinutes: 30, maxAttempts: 2 },
    { disposition: 'failed', delayMinutes: 60, maxAttempts: 1 },
  ],
};

/** The agent and list as a campaign sees them (read from the agents / call-lists tables). */
export interface CampaignAgent {
  id: string;
  active: boolean;
  missingFields: string[];
  /** `{{variables}}` its texts use. */
  usedVariables: string[];
}

export interface ReleasedContact {
  id: string;
  phone: string;
  name: string | null;
  timeZone: string | null;
  variables: Record<string, string>;
}
