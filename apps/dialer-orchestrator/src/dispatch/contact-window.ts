import type { CampaignDialPlanV1 } from '@santral/contracts';
import { contactTimeZones, type CallingWindowPolicy } from '../domain';

/**
 * A dial plan's calling windows as the window rules take them: its daily windows (per weekday when
 * they name days), its restricted dates, inside the organization's outer bounds (the default ones).
 * Without windows the defaults apply (09:00–12:00 and 14:00–17:00).
 */
export function windowPolicyOf(plan: Partial<Pick<CampaignDialPlanV1, 'callingWindows' | 'restrictedDates'>> | null | undefined): CallingWindowPolicy {
  return {
    ...(plan?.callingWindows?.length ? { windows: plan.callingWindows.map((w) => ({ start: w.start, end: w.end, ...(w.days?.length ? { days: w.days } : {}) })) } : {}),
    ...(plan?.restrictedDates?.length ? { restrictedDates: plan.restrictedDates } : {}),
  };
}

/** The contact's candidate zones: given by the list, else from the number, else the organization's. */
export function zonesOf(task: { timeZone: string | null; toNumber: string }, organizationZone: string | undefined): string[] {
  return [...contactTimeZones({ given: task.timeZone ?? undefined, number: task.toNumber, organization: organizationZone }).zones];
}
