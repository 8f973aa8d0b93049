import type { DialingErrorCode } from '@santral/contracts';

/** A caller number of the organization, in E.164. */
export interface Hotline {
  id: string;
  organizationId: string;
  number: string;
  label: string;
  outboundAllowed: boolean;
  /** Empty: every group may use it. */
  allowedGroups: string[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * E4's caller-number checks, in their order: the number must be one of the organization's
 * (FROM_NUMBER_NOT_FOUND), may call out, and the caller's user groups must be allowed on it
 * (FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT). `groups` undefined: no user is calling (an AI agent's
 * call), so only the outbound permission counts. Null when the call may go out from it.
 */
export function hotlineRefusal(hotline: Pick<Hotline, 'outboundAllowed' | 'allowedGroups'> | null, groups: readonly string[] | undefined): DialingErrorCode | null {
  if (!hotline) return 'FROM_NUMBER_NOT_FOUND';
  if (!hotline.outboundAllowed) return 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT';
  if (hotline.allowedGroups.length === 0 || groups === undefined) return null;
  return groups.some((g) => hotline.allowedGroups.includes(g)) ? null : 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT';
}
