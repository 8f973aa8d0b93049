import { CAMPAIGN_LIMITS, type CampaignDialPlanV1, type CampaignFieldsV1, type ProblemFieldError, type RequestedContactV1 } from '@santral/contracts';
import { timeZonesForNumber } from '@santral/phone';
import type { Campaign, ReleasedContact } from './campaign';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Every rule of a campaign's settings the wire validation cannot express, as named field errors (empty: valid). */
export function campaignFieldErrors(c: Pick<Campaign, 'startsAt' | 'endsAt' | 'callingWindows' | 'retryPolicy' | 'restrictedDates'>): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  if (c.endsAt.getTime() <= c.startsAt.getTime()) errors.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  c.callingWindows.forEach((w, i) => {
    if (minutes(w.start) >= minutes(w.end)) errors.push({ field: `callingWindows.${i}.end`, message: `the window must end after it starts (${w.start}–${w.end})` });
    if (minutes(w.start) < minutes(CAMPAIGN_LIMITS.earliest)) errors.push({ field: `callingWindows.${i}.start`, message: `nobody is called before ${CAMPAIGN_LIMITS.earliest} local time` });
    if (minutes(w.end) > minutes(CAMPAIGN_LIMITS.latest)) errors.push({ field: `callingWindows.${i}.end`, message: `nobody is called after ${CAMPAIGN_LIMITS.latest} local time` });
    if (w.days && new Set(w.days).size !== w.days.length) errors.push({ field: `callingWindows.${i}.days`, message: 'a weekday is listed twice' });
    if (w.days && w.days.length === 0) errors.push({ field: `callingWindows.${i}.days`, message: 'give at least one weekday, or leave days out for every day' });
  });
  const seen = new Set<string>();
  c.retryPolicy.rules.forEach((r, i) => {
    if (seen.has(r.disposition)) errors.push({ field: `retryPolicy.rules.${i}.disposition`, message: `${r.disposition} has two rules` });
    seen.add(r.disposition);
    if (r.maxAttempts >= c.retryPolicy.maxAttemptsPerContact) {
      errors.push({ field: `retryPolicy.rules.${i}.maxAttempts`, message: `retries of ${r.disposition} (${r.maxAttempts}) must stay below maxAttemptsPerContact (${c.retryPolicy.maxAttemptsPerContact}), which counts the first call` });
    }
  });
  if (new Set(c.restrictedDates).size !== c.restrictedDates.length) errors.push({ field: 'restrictedDates', message: 'a date is listed twice' });
  return errors;
}

/** Applies the settings a request gives (`null` clears an optional one); agent and list are handled by the caller. */
export function applyCampaignFields(c: Campaign, f: CampaignFieldsV1): Campaign {
  const pick = <T>(v: T | undefined, current: T): T => (v === undefined ? current : v);
  return {
    ...c,
    name: pick(f.name, c.name),
    fromNumber: pick(f.fromNumber, c.fromNumber),
    providerAccountId: pick(f.providerAccountId?.toLowerCase() ?? f.providerAccountId, c.providerAccountId),
    startsAt: f.startsAt === undefined ? c.startsAt : new Date(f.startsAt),
    endsAt: f.endsAt === undefined ? c.endsAt : new Date(f.endsAt),
    callingWindows: pick(f.callingWindows?.map((w) => ({ start: w.start, end: w.end, ...(w.days ? { days: w.days } : {}) })), c.callingWindows),
    defaultTimeZone: pick(f.defaultTimeZone, c.defaultTimeZone),
    retryPolicy: pick(f.retryPolicy, c.retryPolicy),
    callsPerHour: pick(f.callsPerHour, c.callsPerHour),
    ringTimeoutSeconds: pick(f.ringTimeoutSeconds, c.ringTimeoutSeconds),
    maxCallSeconds: pick(f.maxCallSeconds, c.maxCallSeconds),
    restrictedDates: pick(f.restrictedDates, c.restrictedDates),
  };
}

/** What the dialer gets on start and on every edit: the whole plan. */
export function dialPlanOf(c: Campaign): CampaignDialPlanV1 {
  return {
    agentId: c.agentId,
    ...(c.fromNumber ? { fromNumber: c.fromNumber } : {}),
    ...(c.providerAccountId ? { providerAccountId: c.providerAccountId } : {}),
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    callingWindows: c.callingWindows,
    retryPolicy: c.retryPolicy,
    ...(c.callsPerHour !== null ? { callsPerHour: c.callsPerHour } : {}),
    ringTimeoutSeconds: c.ringTimeoutSeconds,
    ...(c.restrictedDates.length ? { restrictedDates: c.restrictedDates } : {}),
    ...(c.maxCallSeconds !== null ? { maxCallSeconds: c.maxCallSeconds } : {}),
    ...(c.sampleSize !== null ? { sampleSize: c.sampleSize } : {}),
  };
}

/** One contact as campaign.call.requested.v1 carries it; the zone's source follows DESIGN §7 (given, number, default). */
export function requestedContact(contact: ReleasedContact, defaultTimeZone: string | null): RequestedContactV1 {
  const base = {
    contactId: contact.id,
    to: contact.phone,
    ...(contact.name ? { name: contact.name.slice(0, 200) } : {}),
    ...(Object.keys(contact.variables).length ? { variables: contact.variables } : {}),
  };
  if (contact.timeZone) return { ...base, timeZone: contact.timeZone, timeZoneSource: 'given' };
  if (timeZonesForNumber(contact.phone).zones.length > 0) return { ...base, timeZoneSource: 'number' };
  if (defaultTimeZone) return { ...base, timeZone: defaultTimeZone, timeZoneSource: 'organization_default' };
  return { ...base, timeZoneSource: 'unknown' };
}
