import type { AgentReply, AgentSnapshotV1 } from '@santral/contracts';
import type { Agent } from './agent';
import { missingFields } from './agent-rules';

/** The snapshot the events carry (the dialer's projection reads it; C2 completeness included). */
export function agentSnapshot(agent: Agent): AgentSnapshotV1 {
  const missing = missingFields(agent);
  return {
    organizationId: agent.organizationId,
    agentId: agent.id,
    name: agent.name,
    active: agent.active,
    complete: missing.length === 0,
    missingFields: missing,
    firstMessageMode: agent.firstMessageMode,
    ...(agent.greetingMessage !== null ? { greetingMessage: agent.greetingMessage } : {}),
    ...(agent.systemInstruction !== null ? { systemInstruction: agent.systemInstruction } : {}),
    responseTimeoutSeconds: agent.responseTimeoutSeconds,
    ...(agent.voice !== null ? { voice: { ...agent.voice } } : {}),
    ...(agent.language !== null ? { language: agent.language } : {}),
    forwardingTargets: [...agent.forwardingTargets],
  };
}

export function toAgentReply(agent: Agent): AgentReply {
  return { ...agentSnapshot(agent), variables: [...agent.variables], createdAt: agent.createdAt.toISOString(), updatedAt: agent.updatedAt.toISOString() };
}
