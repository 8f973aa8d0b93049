import type { CampaignDialPlanV1 } from '@santral/contracts';
import { contactTimeZones, type CallingWindowPolicy } from '../domain';

/** A campaign's calling windows as the window rules take them (every day; the organization's outer bounds by default). */
export function windowPolicyOf(plan: CampaignDialPlanV1 | null | undefined): CallingWindowPolicy {
  return plan?.callingWindows?.length ? { windows: plan.callingWindows.map((w) => ({ start: w.start, end: w.end })) } : {};
}

/** The contact's candidate zones: given by the list, else from the number, else the organization's. */
export function zonesOf(task: { timeZone: string | null; toNumber: string }, organizationZone: string | undefined): string[] {
  return [...contactTimeZones({ given: task.timeZone ?? undefined, number: task.toNumber, organization: organizationZone }).zones];
}
