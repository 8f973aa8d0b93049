import type { DialingErrorCode } from '@santral/contracts';

/** What the dialer keeps of an AI agent of the campaign context (its projection, for E4). */
export interface DialerAgent {
  agentId: string;
  name: string;
  active: boolean;
  complete: boolean;
  missingFields: string[];
  deleted: boolean;
}

/**
 * E4's agent checks, in their order: the agent must exist and be active (AGENT_INACTIVE — an
 * agent the dialer never heard of, or one that was deleted, cannot talk on a call either), then
 * be complete (AGENT_INCOMPLETE, naming the missing fields). Null when it may take the call.
 */
export function agentRefusal(agent: DialerAgent | null, agentId: string): { code: DialingErrorCode; message: string } | null {
  if (!agent || agent.deleted) return { code: 'AGENT_INACTIVE', message: `Agent ${agentId} does not exist or was deleted` };
  if (!agent.active) return { code: 'AGENT_INACTIVE', message: `Agent ${agent.name} (${agentId}) is inactive` };
  if (!agent.complete) {
    const missing = agent.missingFields.length ? agent.missingFields.join(', ') : 'unspecified fields';
    return { code: 'AGENT_INCOMPLETE', message: `Agent ${agent.name} (${agentId}) is missing: ${missing}` };
  }
  return null;
}
