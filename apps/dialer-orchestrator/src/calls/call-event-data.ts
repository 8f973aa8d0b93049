import type { CallState } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import type { CallIdentity } from './call.repository';

/** What every dialer.call.* event says of its call and transition (each event adds its own fields). */
export function callEventData(orgId: OrgId, callId: string, call: Omit<CallIdentity, 'state'>, from: CallState, to: CallState) {
  return {
    organizationId: orgId, callId, attempt: call.attempt, direction: call.direction, kind: call.kind, state: to, previousState: from,
    to: call.to, ...(call.from ? { from: call.from } : {}), ...(call.taskId ? { taskId: call.taskId } : {}), ...(call.campaignId ? { campaignId: call.campaignId } : {}),
    ...(call.agentId ? { agentId: call.agentId } : {}), ...(call.operatorUserId ? { operatorUserId: call.operatorUserId } : {}),
  };
}
