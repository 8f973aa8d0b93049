import { AGENT_LIMITS, type AgentFirstMessageMode } from '@santral/contracts';

export interface AgentVoice {
  model: string;
  speakingRate: number;
}

/** An AI voice agent (C1). Optional texts are null until written. */
export interface Agent {
  id: string;
  organizationId: string;
  name: string;
  active: boolean;
  firstMessageMode: AgentFirstMessageMode;
  greetingMessage: string | null;
  systemInstruction: string | null;
  responseTimeoutSeconds: number;
  voice: AgentVoice | null;
  language: string | null;
  forwardingTargets: string[];
  /** Custom `{{variables}}` the texts may use (columns of the call lists it will call). */
  variables: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a new agent gets for a field the request leaves out. */
export const AGENT_DEFAULTS = {
  active: true,
  firstMessageMode: 'agent_first' as AgentFirstMessageMode,
  responseTimeoutSeconds: AGENT_LIMITS.responseTimeout.default,
};
