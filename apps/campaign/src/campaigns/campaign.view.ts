import type { CampaignReply } from '@santral/contracts';
import type { Campaign } from './campaign';

export function toCampaignReply(c: Campaign): CampaignReply {
  return {
    campaignId: c.id,
    name: c.name,
    agentId: c.agentId,
    callListId: c.callListId,
    state: c.state,
    pauseReason: c.pauseReason,
    completionReason: c.completionReason,
    fromNumber: c.fromNumber,
    providerAccountId: c.providerAccountId,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    callingWindows: c.callingWindows,
    defaultTimeZone: c.defaultTimeZone,
    retryPolicy: c.retryPolicy,
    callsPerHour: c.callsPerHour,
    ringTimeoutSeconds: c.ringTimeoutSeconds,
    maxCallSeconds: c.maxCallSeconds,
    restrictedDates: c.restrictedDates,
    sampleSize: c.sampleSize,
    requestedContacts: c.release.requested,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
  };
}
